"""Company names learned from annotations (extract/learn/company_names.py) and read by the gazetteer from the model folder."""
import json

from extract.learn.company_names import company_names


def _gold(tmp_path, records):
    p = tmp_path / "gold.jsonl"
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return p


def _rec(i, text, spans):
    ents = []
    for k, (name, typ) in enumerate(spans):
        s = text.index(name)
        ents.append({"id": f"E{k}", "type": typ, "start": s, "end": s + len(name), "text": name})
    return {"id": f"d{i}", "text": text, "entities": ents}


def test_a_name_tagged_twice_and_seldom_left_untagged_is_listed(tmp_path):
    gold = _gold(tmp_path, [
        _rec(1, "月之暗面完成融资。", [("月之暗面", "COMPANY")]),
        _rec(2, "月之暗面发布新模型，大疆也来了。", [("月之暗面", "COMPANY"), ("大疆", "COMPANY")]),
        _rec(3, "小鹏汽车交付新车。", [("小鹏汽车", "COMPANY")]),
        _rec(4, "小鹏汽车和小鹏都在。", [("小鹏汽车", "COMPANY")]),
        _rec(5, "甲乙丙丁上市。甲乙丙丁不是吗？甲乙丙丁。", [("甲乙丙丁", "COMPANY")]),
        _rec(6, "甲乙丙丁回应。", [("甲乙丙丁", "COMPANY")]),
    ])
    names = company_names([gold], log=lambda m: None)
    assert "月之暗面" in names and "小鹏汽车" in names
    assert "大疆" not in names  # tagged once
    assert "甲乙丙丁" not in names  # 2 of its 4 occurrences outside other entities left untagged


def test_the_default_model_reads_its_list_from_its_folder():
    from extract.pipeline import load
    nlp = load()
    d = nlp("据悉，波士顿动力近日发布了新版本。")  # (the shipped NER alone misses it in this sentence)
    assert [(e.text, e.type) for e in d.entities if e.text == "波士顿动力"] == [("波士顿动力", "COMPANY")]
