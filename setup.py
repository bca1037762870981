"""Packaging details pyproject.toml cannot say: the shipped model is installed with the package.

``models/default`` (the trained artifacts, kept there in the repository) is installed as the data
of a small package, ``zhie_models``, whose source folder is ``models/``: a wheel or ``pip install .``
carries ``zhie_models/default/…`` and ``extract.load()`` finds it there (an editable install and a
source checkout use ``models/default`` itself). Everything else is in pyproject.toml.
"""
from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["extract", "extract.*"]) + ["zhie_models"],
    package_dir={"zhie_models": "models"},
    package_data={
        "extract": ["data/*", "data/**/*", "learn/ner/label_map.json", "serve/static/*"],
        "zhie_models": ["default/*", "default/**/*"],
    },
)
