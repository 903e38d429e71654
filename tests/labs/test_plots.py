"""The lesson charts contain the data they were given, in the language asked for."""

from __future__ import annotations

import ast
import math
import statistics
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon, Rectangle

from labs.widgets import plots
from labs.widgets.plots import (
    answers_per_task,
    elections,
    reschedule_times,
    rolling_update,
    start_times,
    tolerance,
)

SAMPLES_MS = [412.0, 398.0, 455.0, 430.0, 401.0, 520.0, 388.0, 610.0, 405.0]
VM_MS = [31000.0, 29500.0, 35200.0, 30100.0]
TIMES_S = [0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0]
OK_PER_S = [100.0, 98.0, 70.0, 65.0, 90.0, 101.0, 99.0]
FAILED_PER_S = [0.0, 0.0, 12.0, 4.0, 0.0, 0.0, 0.0]
PHASES = [(0.8, "v2 começa"), (2.2, "v1 removida")]
RESCHEDULE = {"worker1 parado": 6.4, "worker2 sem rede": 12.75, "contêiner morto": 1.2}
COUNTS = {"web.1": 34, "web.2": 33, "web.3": 12}


def only_axes(fig: Figure) -> Axes:
    assert len(fig.axes) == 1
    return fig.axes[0]


def dashed_lines(ax: Axes) -> list[Line2D]:
    return [line for line in ax.get_lines() if line.get_linestyle() == "--"]


def xs(line: Line2D) -> list[float]:
    return [float(x) for x in np.asarray(line.get_xdata())]


def ys(line: Line2D) -> list[float]:
    return [float(y) for y in np.asarray(line.get_ydata())]


def legend_texts(fig: Figure) -> list[str]:
    legends = [*fig.legends, *(ax.get_legend() for ax in fig.axes)]
    return [text.get_text() for legend in legends if legend for text in legend.get_texts()]


def bar_rectangles(ax: Axes) -> list[Rectangle]:
    return [patch for container in ax.containers for patch in container
            if isinstance(patch, Rectangle)]


def texts_on(ax: Axes) -> list[str]:
    return [text.get_text() for text in ax.texts]


def assert_png(fig: Figure, path: Path) -> None:
    fig.savefig(path)
    data = path.read_bytes()
    assert len(data) > 100
    assert data.startswith(b"\x89PNG")


# --- start_times ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "xlabel", "ylabel", "median"),
    [
        ("pt-BR", "Tempo de início (ms)", "Número de amostras", "Mediana: 412 ms"),
        ("en", "Start time (ms)", "Number of samples", "Median: 412 ms"),
    ],
)
def test_start_times_labels_follow_the_language(
    lang: str, xlabel: str, ylabel: str, median: str
) -> None:
    fig = start_times(SAMPLES_MS, lang=lang)
    ax = only_axes(fig)
    assert ax.get_xlabel() == xlabel
    assert ax.get_ylabel() == ylabel
    assert median in legend_texts(fig)


def test_start_times_counts_every_sample_and_marks_the_real_median(tmp_path: Path) -> None:
    fig = start_times(SAMPLES_MS, title="Início de 9 contêineres")
    ax = only_axes(fig)
    heights = [bar.get_height() for bar in bar_rectangles(ax)]
    assert sum(heights) == len(SAMPLES_MS)
    [median_line] = dashed_lines(ax)
    assert xs(median_line) == [statistics.median(SAMPLES_MS)] * 2
    assert ax.get_title() == "Início de 9 contêineres"
    assert_png(fig, tmp_path / "start_times.png")


def test_start_times_without_title_has_none() -> None:
    assert only_axes(start_times(SAMPLES_MS)).get_title() == ""


def test_start_times_median_shows_a_decimal_comma_in_portuguese() -> None:
    fig = start_times([1.0, 2.5, 4.0])
    assert "Mediana: 2,5 ms" in legend_texts(fig)
    assert "Median: 2.5 ms" in legend_texts(start_times([1.0, 2.5, 4.0], lang="en"))


def test_start_times_compare_draws_each_series_with_its_median(tmp_path: Path) -> None:
    fig = start_times(SAMPLES_MS, compare={"VM (fonte: AWS)": VM_MS}, label="Swarm", lang="en")
    ax = only_axes(fig)
    assert sum(bar.get_height() for bar in bar_rectangles(ax)) == len(SAMPLES_MS)
    outlines = [patch for patch in ax.patches if isinstance(patch, Polygon)]
    assert len(outlines) == 1  # the VM series, drawn as a step outline
    medians = sorted(xs(line)[0] for line in dashed_lines(ax))
    assert medians == [statistics.median(SAMPLES_MS), statistics.median(VM_MS)]
    texts = legend_texts(fig)
    assert "Swarm" in texts and "VM (fonte: AWS)" in texts
    assert "Median of Swarm: 412 ms" in texts
    assert "Median of VM (fonte: AWS): 30.6 s" in texts  # from 10 s up, in seconds
    assert ax.get_xscale() == "log"  # 0.4 s against 30 s: both stay visible
    assert_png(fig, tmp_path / "start_times_compare.png")


def test_start_times_on_a_log_axis_counts_the_largest_and_smallest_samples() -> None:
    # The bins' ends are the samples themselves: 10**log10(x) may fall short of x.
    boots = [22371.4, 13599.3, 14100.0]
    fig = start_times(boots, compare={"Created → StartedAt": [310.0, 365.0, 420.0]})
    ax = only_axes(fig)
    assert ax.get_xscale() == "log"
    assert sum(bar.get_height() for bar in bar_rectangles(ax)) == len(boots)


def test_start_times_on_a_log_axis_each_series_is_binned_over_its_own_range() -> None:
    boots = [18600.0, 19700.0, 18800.0]
    fig = start_times([222.0, 250.0, 310.0, 900.0], compare={"VM": boots}, lang="pt-BR")
    ax = only_axes(fig)
    [outline] = [patch for patch in ax.patches if isinstance(patch, Polygon)]
    xs_of_outline = outline.get_xy()[:, 0]  # near the boots, not trailing from the containers
    assert min(boots) / 1.3 < min(xs_of_outline) and max(xs_of_outline) < max(boots) * 1.3
    assert "Mediana de VM: 18,8 s" in legend_texts(fig)


def test_start_times_close_series_keep_a_linear_axis() -> None:
    fig = start_times(SAMPLES_MS, compare={"outro host": [500.0, 700.0]})
    assert only_axes(fig).get_xscale() == "linear"
    assert "Mediana de outro host: 600 ms" in legend_texts(fig)
    # one series alone stays linear, however spread out it is
    assert only_axes(start_times([10.0, 400.0, 5000.0])).get_xscale() == "linear"


@pytest.mark.parametrize(
    ("samples", "compare", "message"),
    [
        ([], None, "samples_ms is empty"),
        ([400.0, -3.0], None, "samples_ms[1] is -3.0, a negative value"),
        ([400.0, math.nan], None, "samples_ms[1] is nan"),
        ([400.0], {"VM": []}, "compare['VM'] is empty"),
        ([400.0], {"VM": [-1.0]}, "compare['VM'][0] is -1.0, a negative value"),
        ([400.0], {"Contêineres": [1.0]}, "compare uses the name 'Contêineres' twice"),
    ],
)
def test_start_times_rejects_bad_samples(
    samples: Sequence[float], compare: Mapping[str, Sequence[float]] | None, message: str
) -> None:
    with pytest.raises(ValueError, match="pass") as info:
        start_times(samples, compare=compare)
    assert message in str(info.value)


def test_start_times_reference_figures_are_markers_with_their_value_not_histograms(
        tmp_path: Path) -> None:
    published = {"Firecracker [1]": 125.0, "EC2 [2]": 96900.0}
    fig = start_times(SAMPLES_MS, reference=published, label="docker", lang="en")
    ax = only_axes(fig)
    # only the measured samples are binned: no bars or outlines for a published number
    assert sum(bar.get_height() for bar in bar_rectangles(ax)) == len(SAMPLES_MS)
    assert not [patch for patch in ax.patches if isinstance(patch, Polygon)]
    [median_line] = dashed_lines(ax)  # one median: the measured series' own
    assert xs(median_line) == [statistics.median(SAMPLES_MS)] * 2
    markers = {xs(line)[0]: line for line in ax.get_lines() if line.get_marker() == "v"}
    assert sorted(markers) == [125.0, 96900.0]
    dotted = sorted(xs(line)[0] for line in ax.get_lines() if line.get_linestyle() == ":")
    assert dotted == [125.0, 96900.0]
    texts = legend_texts(fig)
    assert "Firecracker [1]: 125 ms (published)" in texts
    assert "EC2 [2]: 96.9 s (published)" in texts
    assert [t for t in texts if "edian" in t] == ["Median: 412 ms"]
    assert ax.get_xscale() == "log"
    low, high = ax.get_xlim()
    assert low < 125.0 and high > 96900.0  # every marker is inside the chart
    assert_png(fig, tmp_path / "start_times_reference.png")


def test_start_times_reference_speaks_portuguese_with_a_decimal_comma() -> None:
    texts = legend_texts(start_times([1.0, 2.0, 3.0], reference={"VM": 2.5}))
    assert "VM: 2,5 ms (publicado)" in texts
    assert "Mediana: 2,0 ms" in texts


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ({}, "reference is empty"),
        ({"VM": -1.0}, "reference['VM'] is -1.0, a negative value"),
        ({"VM": math.inf}, "reference['VM'] is inf"),
        ({"Contêineres": 100.0}, "reference uses the name 'Contêineres', already a series"),
    ],
)
def test_start_times_rejects_bad_references(reference: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match="pass") as info:
        start_times(SAMPLES_MS, reference=reference)
    assert message in str(info.value)


# --- rolling_update ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "xlabel", "ylabel", "ok", "failed"),
    [
        ("pt-BR", "Tempo (s)", "Requisições por segundo", "Requisições com sucesso",
         "Requisições com falha"),
        ("en", "Time (s)", "Requests per second", "Successful requests", "Failed requests"),
    ],
)
def test_rolling_update_labels_follow_the_language(
    lang: str, xlabel: str, ylabel: str, ok: str, failed: str
) -> None:
    fig = rolling_update(TIMES_S, OK_PER_S, FAILED_PER_S, lang=lang)
    ax = only_axes(fig)
    assert (ax.get_xlabel(), ax.get_ylabel()) == (xlabel, ylabel)
    assert legend_texts(fig) == [ok, failed]


def test_rolling_update_draws_the_given_rates_and_phases(tmp_path: Path) -> None:
    fig = rolling_update(TIMES_S, OK_PER_S, FAILED_PER_S, phases=PHASES,
                         title="Atualização de web")
    ax = only_axes(fig)
    [ok_line] = [line for line in ax.get_lines() if line.get_linestyle() == "-"]
    assert xs(ok_line) == TIMES_S
    assert ys(ok_line) == OK_PER_S
    bars = bar_rectangles(ax)
    assert len(bars) == len(TIMES_S)
    assert [bar.get_height() for bar in bars] == FAILED_PER_S
    assert [bar.get_x() + bar.get_width() / 2 for bar in bars] == pytest.approx(TIMES_S)
    assert sorted(xs(line)[0] for line in dashed_lines(ax)) == [0.8, 2.2]
    assert texts_on(ax) == ["v2 começa", "v1 removida"]
    assert ax.get_title() == "Atualização de web"
    assert ax.get_ylim()[1] > max(OK_PER_S)
    assert_png(fig, tmp_path / "rolling_update.png")


def test_rolling_update_accepts_a_single_sample() -> None:
    ax = only_axes(rolling_update([0.0], [50.0], [0.0]))
    assert len(bar_rectangles(ax)) == 1


@pytest.mark.parametrize(
    ("times", "ok", "failed", "phases", "message"),
    [
        ([], [], [], (), "times_s is empty"),
        ([0.0, 1.0], [1.0], [0.0, 0.0], (),
         "times_s has 2, ok_per_s has 1, failed_per_s has 2 values"),
        ([0.0, 1.0], [1.0, 2.0], [0.0], (), "failed_per_s has 1 values"),
        ([0.0, 1.0], [1.0, -2.0], [0.0, 0.0], (), "ok_per_s[1] is -2.0, a negative value"),
        ([0.0, 1.0], [1.0, 2.0], [0.0, -1.0], (), "failed_per_s[1] is -1.0"),
        ([0.0, 1.0, 1.0], [1.0] * 3, [0.0] * 3, (), "times_s[2] = 1.0 does not come after 1.0"),
        ([0.0, math.inf], [1.0] * 2, [0.0] * 2, (), "times_s[1] is inf"),
        ([0.0, 1.0], [1.0] * 2, [0.0] * 2, [(math.nan, "v2")], "phase 'v2' has time nan"),
    ],
)
def test_rolling_update_rejects_bad_input(
    times: list[float], ok: list[float], failed: list[float],
    phases: Sequence[tuple[float, str]], message: str,
) -> None:
    with pytest.raises(ValueError, match="pass") as info:
        rolling_update(times, ok, failed, phases=phases)
    assert message in str(info.value)


def test_rolling_update_times_may_start_before_zero() -> None:
    ax = only_axes(rolling_update([-1.0, 0.0, 1.0], [5.0, 5.0, 5.0], [0.0, 1.0, 0.0]))
    assert ax.get_xlim()[0] < -1.0


# --- reschedule_times ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "xlabel", "ylabel", "values"),
    [
        ("pt-BR", "Tempo até reagendar (s)", "Evento", ["6,4 s", "12,8 s", "1,2 s"]),
        ("en", "Time to reschedule (s)", "Event", ["6.4 s", "12.8 s", "1.2 s"]),
    ],
)
def test_reschedule_times_labels_follow_the_language(
    lang: str, xlabel: str, ylabel: str, values: list[str]
) -> None:
    ax = only_axes(reschedule_times(RESCHEDULE, lang=lang))
    assert (ax.get_xlabel(), ax.get_ylabel()) == (xlabel, ylabel)
    assert texts_on(ax) == values


def test_reschedule_times_draws_one_bar_per_event_with_its_value(tmp_path: Path) -> None:
    fig = reschedule_times(RESCHEDULE, title="Após a falha")
    ax = only_axes(fig)
    bars = bar_rectangles(ax)
    assert [bar.get_width() for bar in bars] == list(RESCHEDULE.values())
    assert [label.get_text() for label in ax.get_yticklabels()] == list(RESCHEDULE)
    assert ax.yaxis_inverted()  # the first event is on top
    assert ax.get_xlim()[1] > max(RESCHEDULE.values())  # room for the value texts
    assert ax.get_title() == "Após a falha"
    assert_png(fig, tmp_path / "reschedule_times.png")


@pytest.mark.parametrize(
    ("seconds", "message"),
    [
        ({}, "seconds is empty"),
        ({"worker1 parado": -0.5}, "seconds['worker1 parado'] is -0.5, a negative value"),
        ({"worker1 parado": math.inf}, "seconds['worker1 parado'] is inf"),
    ],
)
def test_reschedule_times_rejects_bad_input(seconds: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match="pass") as info:
        reschedule_times(seconds)
    assert message in str(info.value)


# --- answers_per_task ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "xlabel", "ylabel", "mean"),
    [
        ("pt-BR", "Tarefa", "Respostas por tarefa", "Média: 26,3"),
        ("en", "Task", "Answers per task", "Mean: 26.3"),
    ],
)
def test_answers_per_task_labels_follow_the_language(
    lang: str, xlabel: str, ylabel: str, mean: str
) -> None:
    fig = answers_per_task(COUNTS, lang=lang)
    ax = only_axes(fig)
    assert (ax.get_xlabel(), ax.get_ylabel()) == (xlabel, ylabel)
    assert legend_texts(fig) == [mean]


def test_answers_per_task_draws_each_count_and_the_mean(tmp_path: Path) -> None:
    fig = answers_per_task(COUNTS, title="Distribuição de carga")
    ax = only_axes(fig)
    bars = bar_rectangles(ax)
    assert [bar.get_height() for bar in bars] == list(COUNTS.values())
    assert [label.get_text() for label in ax.get_xticklabels()] == list(COUNTS)
    assert texts_on(ax) == ["34", "33", "12"]
    [mean_line] = dashed_lines(ax)
    assert ys(mean_line) == pytest.approx([statistics.mean(COUNTS.values())] * 2)
    assert ax.get_title() == "Distribuição de carga"
    assert_png(fig, tmp_path / "answers_per_task.png")


def test_answers_per_task_tilts_many_long_task_names() -> None:
    counts = {f"web.{i}.x7k2p9q{i}": 30 + i for i in range(1, 9)}
    ax = only_axes(answers_per_task(counts))
    assert len(bar_rectangles(ax)) == 8
    assert all(label.get_rotation() == 30 for label in ax.get_xticklabels())


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        ({}, "counts is empty"),
        ({"web.1": -1}, "counts['web.1'] is -1, a negative value"),
        ({"web.1": 2.5}, "counts['web.1'] is 2.5; pass whole numbers"),
    ],
)
def test_answers_per_task_rejects_bad_input(counts: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match="pass") as info:
        answers_per_task(counts)
    assert message in str(info.value)


# --- shared --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "draw",
    [
        lambda lang: start_times(SAMPLES_MS, lang=lang),
        lambda lang: rolling_update(TIMES_S, OK_PER_S, FAILED_PER_S, lang=lang),
        lambda lang: reschedule_times(RESCHEDULE, lang=lang),
        lambda lang: answers_per_task(COUNTS, lang=lang),
    ],
)
def test_an_unknown_language_says_which_ones_exist(draw: Any) -> None:
    with pytest.raises(ValueError, match=r"lang='de' is not supported; pass one of 'pt-BR', 'en'"):
        draw("de")


def test_figures_can_be_drawn_in_threads(tmp_path: Path) -> None:
    def draw(index: int) -> bytes:
        path = tmp_path / f"chart-{index}.png"
        answers_per_task({f"web.{i}": i + index for i in range(1, 4)}).savefig(path)
        return path.read_bytes()

    with ThreadPoolExecutor(max_workers=4) as pool:
        pictures = list(pool.map(draw, range(8)))
    assert all(picture.startswith(b"\x89PNG") for picture in pictures)


def test_no_module_of_the_charts_imports_pyplot() -> None:
    # pyplot keeps global state; the charts must not need it (headless, threads)
    modules = sorted(Path(plots.__file__).parent.glob("*.py"))
    assert len(modules) > 1  # the package's topic modules, not only its __init__
    for module in modules:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                    for alias in node.names}
        imported |= {f"{node.module}.{alias.name}" for node in ast.walk(tree)
                     if isinstance(node, ast.ImportFrom) for alias in node.names}
        assert not any("pyplot" in name for name in imported), module.name


def test_tolerance_draws_measured_bars_beside_the_slides_formula() -> None:
    fig = tolerance({1: 0, 2: 0, 3: 1, 4: 1, 5: 2}, lang="en")
    ax = only_axes(fig)
    assert [bar.get_height() for bar in bar_rectangles(ax)] == [0, 0, 1, 1, 2]
    [dots] = [line for line in ax.get_lines() if line.get_marker() == "o"]
    assert list(dots.get_ydata()) == [0, 0, 1, 1, 2, 2, 3]  # (N - 1) // 2 for 1..7
    assert "measured on this cluster" in legend_texts(fig)


@pytest.mark.parametrize(("measured", "message"), [
    ({}, "measured is empty"),
    ({0: 0}, "manager counts must be 1 to 7"),
    ({3: -1}, "negative"),
])
def test_tolerance_rejects_bad_input(measured: dict[int, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        tolerance(measured)


def test_elections_draws_one_bar_per_election_over_the_timeout_band() -> None:
    fig = elections([9.4, 13.9], lang="pt-BR")
    ax = only_axes(fig)
    assert [round(bar.get_width(), 1) for bar in bar_rectangles(ax)] == [9.4, 13.9]
    assert "timeout de eleição: 10 a 20 s" in legend_texts(fig)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Eleição 1", "Eleição 2"]
    with pytest.raises(ValueError, match="window"):
        elections([1.0], window=(20.0, 10.0))


# --- update_runs ----------------------------------------------------------------------------


def test_update_runs_draws_failed_requests_and_durations_side_by_side() -> None:
    fig = plots.update_runs(["1 · stop-first", "1 · start-first"], [26, 0], [11.2, 7.6],
                            lang="pt-BR")
    failed_ax, took_ax = fig.axes
    assert [round(bar.get_width(), 1) for bar in failed_ax.patches] == [26.0, 0.0]
    assert [round(bar.get_width(), 1) for bar in took_ax.patches] == [11.2, 7.6]
    # the first update on top; every bar carries its value, in the learner's decimal mark
    assert [t.get_text() for t in failed_ax.get_yticklabels()] == ["1 · stop-first",
                                                                    "1 · start-first"]
    assert [t.get_text() for t in took_ax.texts] == ["11,2", "7,6"]
    assert (failed_ax.get_xlabel(), took_ax.get_xlabel()) == ("Requisições que falharam",
                                                              "Duração da atualização (s)")


@pytest.mark.parametrize(("labels", "failed", "took", "message"), [
    ([], [], [], "empty"),
    (["a", "b"], [1], [2.0], "one of each per update"),
    (["a"], [-1], [2.0], "failed"),
    (["a"], [1], [math.nan], "took_s"),
])
def test_update_runs_rejects_bad_input(labels: list[str], failed: list[float],
                                       took: list[float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        plots.update_runs(labels, failed, took)
