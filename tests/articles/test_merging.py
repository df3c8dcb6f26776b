"""articles/merging.py on its own: fields, lists and the body's blocks."""

from articles.merging import body_blocks, merge, merge_sequences

P = "<p>{}</p>".format


def test_fields_only_one_side_changed_are_merged():
    base = {"headline": "Kop", "lede": "Intro", "kicker": "Label"}
    mine = {**base, "headline": "Nieuwe kop"}
    theirs = {**base, "lede": "Betere intro"}
    result = merge(base, mine, theirs)
    assert result.clean
    assert result.values == {"headline": "Nieuwe kop", "lede": "Betere intro",
                             "kicker": "Label"}  # fmt: skip
    assert result.theirs == ["lede"]


def test_the_same_field_changed_differently_is_an_overlap_until_chosen():
    base, mine, theirs = {"lede": "A"}, {"lede": "Mijn"}, {"lede": "Hun"}
    result = merge(base, mine, theirs)
    assert [(o.key, o.mine, o.theirs) for o in result.overlaps] == [
        ("lede", "Mijn", "Hun")
    ]
    assert result.values["lede"] == "Mijn"  # nothing typed is lost
    assert merge(base, mine, theirs, choices={"lede": "theirs"}).values == {
        "lede": "Hun"
    }
    assert merge(base, mine, {"lede": "Mijn"}).clean  # the same change twice


def test_lists_merge_as_sets():
    a, b, c, d = ({"id": n, "name": str(n)} for n in range(4))
    result = merge({"topics": [a, b]}, {"topics": [a, b, c]}, {"topics": [b, d]},
                   lists=("topics",))  # fmt: skip
    assert [t["id"] for t in result.values["topics"]] == [1, 2, 3]
    assert result.theirs == ["topics"]


def test_references_and_times_compare_by_meaning():
    base = {
        "section": {"id": 1, "name": "Oud"},
        "publish_at": "2021-08-26T10:00:00+00:00",
    }
    mine = {"section": {"id": 1, "name": "Hernoemd"},
            "publish_at": "2021-08-26T12:00:00+02:00"}  # fmt: skip
    theirs = {**base, "section": {"id": 2, "name": "Binnenland"}}
    result = merge(base, mine, theirs, refs=("section",), times=("publish_at",))
    assert result.clean and result.values["section"]["id"] == 2


def test_different_paragraphs_merge_even_side_by_side():
    base = P(1) + P(2) + P(3) + P(4)
    mine = P(1) + P("2 mijn") + P(3) + P(4)
    theirs = P(1) + P(2) + P("3 hun") + P(4) + P("5 hun")
    result = merge({"body": base}, {"body": mine}, {"body": theirs})
    assert result.clean
    assert result.values["body"] == P(1) + P("2 mijn") + P("3 hun") + P(4) + P("5 hun")


def test_the_same_paragraph_is_an_overlap_with_both_texts():
    base, mine, theirs = P(1) + P(2), P(1) + P("2 mijn"), P(1) + P("2 hun")
    result = merge({"body": base}, {"body": mine}, {"body": theirs})
    (overlap,) = result.overlaps
    assert (overlap.key, overlap.mine, overlap.theirs) == (
        "body:0",
        P("2 mijn"),
        P("2 hun"),
    )
    chosen = merge({"body": base}, {"body": mine}, {"body": theirs},
                   choices={"body:0": "theirs"})  # fmt: skip
    assert chosen.clean and chosen.values["body"] == P(1) + P("2 hun")


def test_blocks_compare_the_same_however_written():
    assert body_blocks("<p>a</p>\r\n<h2>b</h2>") == body_blocks("<p>a</p><h2>b</h2>")
    assert body_blocks("<blockquote><p>x</p></blockquote>") == [
        "<blockquote><p>x</p></blockquote>"
    ]


def test_merge_sequences_is_diff3():
    assert merge_sequences([1, 2, 3], [1, 2, 3, 4], [0, 1, 2, 3]) == [0, 1, 2, 3, 4]
    assert merge_sequences([1, 2], [1, 5], [1, 6]) == [1, ([2], [5], [6])]
    assert merge_sequences([1, 2, 3], [1, 3], [1, 2, 3, 4]) == [1, 3, 4]
    # A paragraph removed by one side while the other adds one right after it:
    # the place itself changed on both sides, so the editor decides.
    assert merge_sequences([1, 2], [1], [1, 2, 3]) == [1, ([2], [], [2, 3])]
