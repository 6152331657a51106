"""The Timeline panel lists the article's own time of publication (undated) beside the dated facts."""

from __future__ import annotations


def test_timeline_panel_lists_the_article_publication(window, qtbot):
    timeline = window.analysis.timeline
    with qtbot.waitSignal(timeline.strip.sig_finished, timeout=20000):
        window.analysis.timeline_action.trigger()
    rows = [(timeline.tree.topLevelItem(i).text(0), timeline.tree.topLevelItem(i).text(1))
            for i in range(timeline.tree.topLevelItemCount())]
    assert rows[0][0] == "2019"
    assert ("publication of the news article (date not stated)",
            "News article: 5G and the industrial internet in China (at time)") in rows
    assert "without a year" in timeline.summary.text()
