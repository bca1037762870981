"""The sector words harvested from raw news (extract.learn.ner.harvest): framed words kept, function words not."""
import json

from extract.learn.ner.harvest import harvest, main


LINES = ["光伏行业竞争激烈，光伏企业纷纷降价。", "化工板块今天上涨，化工龙头领涨。", "对于光伏行业来说，这是好消息。",
         "技术领域的突破很多。技术进步很快，技术人员很多，技术路线多样，技术方案不同。"]


def test_framed_words_are_kept_and_function_words_never_open_one():
    got = {w: (framed, n) for w, framed, n in harvest(LINES, min_framed=1, min_ratio=0.3)}
    assert "光伏" in got and got["光伏"][0] == 2
    assert "化工" in got
    assert not any(w.startswith("对于") for w in got)  # a preposition opens no sector name
    assert "技术" not in got  # framed once in five occurrences: under the ratio


def test_traditional_text_is_read_in_simplified_script():
    got = {w for w, _, _ in harvest(["半導體產業持續成長。"], min_ratio=0.0)}
    assert "半导体" in got


def test_cli_writes_the_list_and_a_record(tmp_path, capsys):
    raw = tmp_path / "raw.txt"
    raw.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    out = tmp_path / "ind.tsv"
    assert main([str(raw), "-o", str(out), "--min-ratio", "0.3"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["words"] == len(out.read_text(encoding="utf-8").splitlines()) - 1
    assert record["inputs"][0]["sha256"] and record["output_sha256"]
    assert main([str(tmp_path / "missing.txt"), "-o", str(out)]) == 2
