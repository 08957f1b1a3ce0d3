from __future__ import annotations

from gongkai.search.text import highlight, parse_query, plain_text_from_html, snippet, tokens


def test_chinese_runs_become_bigrams_and_a_final_character():
    assert tokens("疫情防控") == "疫情 情防 防控 控"
    assert tokens("疫情，防控。") == "疫情 情 防控 控"
    assert tokens("号") == "号"


def test_letters_and_digits_are_split_the_same_way_after_nfkc():
    assert tokens("国办发〔２０１９〕54号 ABC") == "国办 办发 发 20 01 19 9 54 4 号 ab bc c"


def test_queries_become_phrases_with_a_prefix_only_where_needed():
    [word] = parse_query("疫情")
    assert (word.tokens, word.prefix) == (("疫情",), False)
    [word] = parse_query("疫")
    assert (word.tokens, word.prefix) == (("疫",), True)
    [word] = parse_query("疫情防控")
    assert word.tokens == ("疫情", "情防", "防控")
    [word] = parse_query("附件1")
    assert (word.tokens, word.prefix) == (("附件", "件", "1"), True)
    assert [w.text for w in parse_query("公开  公开 ， 疫情")] == ["公开", "疫情"]
    assert parse_query("，。！") == []


def test_highlight_and_snippet_come_from_the_original_text():
    words = parse_query("疫情 防控")
    assert highlight("做好疫情防控<b>", words) == "做好<mark>疫情防控</mark>&lt;b&gt;"
    text = "前言。" * 40 + "关于疫情期间的安排，请做好防控。" + "结尾。" * 40
    cut = snippet(text, words, length=40)
    assert "<mark>疫情</mark>" in cut and "<mark>防控</mark>" in cut
    assert cut.startswith("…") and cut.endswith("…")
    assert "情防" not in cut  # never the token stream


def test_snippets_find_full_width_and_upper_case_spellings():
    words = parse_query("abc 2019")
    assert snippet("编号ＡＢＣ，年份２０１９", words) == "编号<mark>ＡＢＣ</mark>，年份<mark>２０１９</mark>"


def test_snippet_without_a_match_is_the_start():
    assert snippet("没有匹配的正文", parse_query("疫情"), length=4) == "没有匹配…"


def test_plain_text_from_html():
    assert plain_text_from_html("<p>第一段</p><p>第二&amp;段<br>换行</p>") == "第一段\n第二&段\n换行"
