from extract.textnorm import compact, normalize_text


def test_kangxi_radicals_become_ideographs():
    assert normalize_text("⼀级指标") == "一级指标"
    assert normalize_text("部⻔决算") == "部门决算"


def test_full_width_digits_and_letters_become_ascii_but_punctuation_stays():
    assert normalize_text("２０２３年（Ａ）") == "2023年（A）"
    assert normalize_text("＜政府工作报告＞") == "＜政府工作报告＞"


def test_odd_spaces_become_plain_spaces_and_compact_drops_them():
    assert normalize_text("项\u3000目\u00a0名称") == "项 目 名称"
    assert compact("项 目 支 出 绩 效 自 评 表") == "项目支出绩效自评表"
