"""evaluation/ner/pseudo_label.py: unannotated mirror articles, kept only when they share no sentence with an
annotated text or with each other, labelled by a teacher's whole pipeline, with their provenance recorded."""
import json
import subprocess
from pathlib import Path

from docs import load_script

REPO = Path(__file__).resolve().parents[1]
BODY = "华为技术有限公司今年在深圳发布了新款手机，销量同比增长百分之二十。该公司表示，明年将继续加大研发投入。\n"


def _mirror(tmp_path) -> Path:
    """A git repository laid out as zhigehe/bulwark: content/<lang>/<x>/<feed>/<file>.md."""
    repo = tmp_path / "mirror"
    files = {
        "content/zh-CN/a/feed1/one.md": '---\ntitle: "一"\ndate: "2025-01-02"\n---\n' + BODY * 7,
        "content/zh-CN/a/feed1/dup.md": '---\ntitle: "二"\n---\n' + BODY * 7,  # shares every sentence with one.md
        "content/zh-CN/a/feed2/short.md": "太短了。\n",
        "content/zh-CN/a/investing/tick.md": BODY.replace("华为", "小米") * 7,  # a skipped ticker feed
        "content/zh-HK/a/feed3/three.md": "騰訊控股有限公司周三在香港公布業績，收入按年上升百分之十一，"
                                         "純利創下新高。管理層預期人工智能業務將持續增長。\n" * 7,
    }
    for rel, text in files.items():
        p = repo / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(git + ["add", "."], check=True)
    subprocess.run(git + ["commit", "-qm", "m"], check=True)
    return repo / ".git"


def test_pseudo_label_keeps_new_distinct_texts_and_records_them(tmp_path):
    mod = load_script("evaluation/ner/pseudo_label.py")
    gitdir = _mirror(tmp_path)
    out = tmp_path / "out"
    rc = mod.main([str(gitdir), "--commit", "HEAD", "--n", "10", "--teacher", f"all={REPO / 'models' / 'default'}",
                   "--out", str(out)])
    assert rc == 0
    recs = [json.loads(line) for line in open(out / "all.jsonl", encoding="utf-8")]
    record = json.loads((out / "record.json").read_text(encoding="utf-8"))
    paths = [t["path"] for t in record["texts"]]
    # one of the two copies of a text, never the ticker feed or the short one
    assert len(recs) == 2 and sorted(p.split("/")[-1] for p in paths) in (["one.md", "three.md"],
                                                                          ["dup.md", "three.md"])
    assert record["repo"] == "zhigehe/bulwark" and len(record["commit"]) == 40
    assert all(len(t["sha256"]) == 64 for t in record["texts"]) and record["teachers"]["all"]["entities"] > 0
    for r in recs:
        assert {e["type"] for e in r["entities"]} <= {"COMPANY", "ORG", "PERSON", "LOC", "INDUSTRY"}
        assert all(r["text"][e["start"]:e["end"]] == e["text"] for e in r["entities"])
    assert any(e["text"] == "深圳" and e["type"] == "LOC" for r in recs for e in r["entities"])


def test_pseudo_label_skips_annotated_text_and_names_bad_arguments(tmp_path, capsys):
    mod = load_script("evaluation/ner/pseudo_label.py")
    annotated = next(json.loads(line)["text"] for line in open(REPO / "annotations" / "news" / "train.jsonl",
                                                                encoding="utf-8"))
    seen = mod.annotated_sentences()
    assert set(mod.sentences(annotated)) <= seen
    assert mod.main([str(tmp_path / "nowhere"), "--teacher", f"all={REPO / 'models' / 'default'}"]) == 2
    assert mod.main([str(tmp_path / "nowhere"), "--teacher", "all"]) == 2
    err = capsys.readouterr().err
    assert "no such git directory" in err and "expected NAME=MODEL_FOLDER" in err


def test_pseudo_label_leaves_out_a_text_the_teacher_fails_on(tmp_path, monkeypatch):
    """One text the teacher's pipeline fails on is left out, named in the log, and the rest are labelled."""
    import extract.pipeline

    mod = load_script("evaluation/ner/pseudo_label.py")
    real = extract.pipeline.load("rules")

    def flaky(text, id=None):
        if id == "p2":
            raise ValueError("boom")
        return real(text, id=id)

    monkeypatch.setattr(extract.pipeline, "load", lambda model: flaky)
    docs = [{"id": f"p{i}", "path": f"content/zh-CN/a/f/{i}.md", "text": "华为在深圳发布新手机。"} for i in (1, 2, 3)]
    logs = []
    n = mod.label(docs, "teacher", tmp_path / "t.jsonl", log=logs.append)
    ids = [json.loads(line)["id"] for line in open(tmp_path / "t.jsonl", encoding="utf-8")]
    assert ids == ["p1", "p3"] and n > 0
    assert any("p2" in m and "content/zh-CN/a/f/2.md" in m and "ValueError: boom" in m for m in logs)
