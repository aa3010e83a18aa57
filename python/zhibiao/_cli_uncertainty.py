"""``zhibiao uncertainty MODEL.toml DATA.csv -n 10000 [--period 2024]``: the uncertainty analysis of a
composite model whose TOML has an ``[uncertainty]`` section (zhibiao.uncertainty.assumptions_from_toml),
with a progress bar on stderr when it is a terminal. Writes the rank statistics of the index (or --node) as CSV;
--score-percentiles adds exact score percentiles (Python's score_percentiles=True); --sobol N with
--sobol-out FILE writes the Sobol indices (Python's result.sobol) as a second CSV, their intervals
from --bootstrap B resamples at --confidence LEVEL (Python's bootstrap=, confidence=)."""

from __future__ import annotations

import argparse
import contextlib
from typing import Any, Iterator


def add_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "uncertainty",
        parents=[common],
        help="rank intervals of a composite index under uncertain assumptions",
        description="Monte Carlo uncertainty analysis of a composite model: the [uncertainty] section of the "
        "model TOML declares the assumptions; writes per region the nominal, median and 5th/95th percentile rank.",
    )
    p.add_argument("model", metavar="MODEL", help="the model TOML file (framework, steps, [uncertainty])")
    from . import cli
    from .cli import _csv_file_argument

    _csv_file_argument(p, "the CSV of units and indicators")
    p.add_argument(
        "-n", "--replications", type=int, default=None, help="replications (default: the model's, else 1000)"
    )
    p.add_argument("--seed", type=int, default=None, help="random seed (default: the model's, else 1)")
    p.add_argument("--threads", type=int, default=0, help="threads (default: every core; the result is the same)")
    p.add_argument(
        "--sobol",
        type=int,
        default=None,
        metavar="N",
        help="also Sobol indices from N rows of Saltelli's design (written to --sobol-out)",
    )
    p.add_argument(
        "--sobol-out",
        metavar="FILE",
        help="write the Sobol indices (every output and input, with intervals) to FILE as CSV; needs --sobol",
    )
    p.add_argument(
        "--bootstrap",
        type=int,
        default=None,
        metavar="B",
        help="bootstrap resamples of the Sobol design for the intervals (default 1000; 0: none); needs --sobol",
    )
    p.add_argument(
        "--confidence",
        type=float,
        default=None,
        metavar="LEVEL",
        help="confidence level of the Sobol intervals, between 0 and 1 (default 0.95); needs --sobol",
    )
    p.add_argument(
        "--score-percentiles",
        action="store_true",
        help="also the exact 5th/95th percentile scores (score_p05, score_p95; slower, more memory)",
    )
    p.add_argument("--node", default=None, help="the node whose ranks are written (default: the index)")
    p.add_argument(
        "--unit",
        default=None,
        metavar="COLUMN",
        help="the column naming the units (default: the first; with --period: detected as by compute)",
    )
    p.add_argument(
        "--period", metavar="PERIOD", help="read FILE as a panel and analyse this period (e.g. 2024), as composite does"
    )
    cli._drop_argument(p)
    p.add_argument("--out", metavar="FILE", help="write the rank statistics to FILE (default, or '-': standard output)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from . import cli, composite, uncertainty as u

    from . import _core

    # Checked before anything is computed: the Sobol indices need a file to go to (the summary on
    # standard error, silenced by -q, is no place for a table), and the file needs --sobol.
    if args.sobol is not None and args.sobol < 2:
        raise _core.ArgumentError(f"--sobol N needs N ≥ 2 rows of Saltelli's design, not {args.sobol}")
    if args.sobol and not args.sobol_out:
        raise _core.ArgumentError("--sobol N needs --sobol-out FILE, where the Sobol indices are written")
    if args.sobol_out and not args.sobol:
        raise _core.ArgumentError("--sobol-out needs --sobol N (the rows of Saltelli's design)")
    for flag, given in (("--bootstrap", args.bootstrap), ("--confidence", args.confidence)):
        if given is not None and not args.sobol:  # the intervals of indices not computed
            raise _core.ArgumentError(f"{flag} sets the intervals of the Sobol indices: it needs --sobol N")
    model = composite.Model.from_toml(args.model)
    settings, assumptions = u.assumptions_from_toml(model.toml, args.model)
    data = cli._composite_data(args)
    cli._say_rounded(data, args)
    n = args.replications if args.replications is not None else int(settings.get("replications", 1000))
    seed = args.seed if args.seed is not None else int(settings.get("seed", 1))
    with cli._progress_bar("uncertainty", "rep") as update, _in_cli_words():
        result = u.uncertainty(
            data,
            None,
            model,
            period=args.period,
            n=n,
            seed=seed,
            threads=args.threads,
            sobol=args.sobol or 0,
            bootstrap=args.bootstrap,
            confidence=args.confidence,
            node=args.node,
            score_percentiles=args.score_percentiles,
            progress=update or False,
            **assumptions,
        )
    table = _rank_table(result.node_ranks(args.node), n)
    if args.sobol:  # the file first: a reader of standard output that stops early (| head) ends us
        with cli._output(args.sobol_out) as f:
            result.sobol.to_csv(f, index=False)
    with cli._output(args.out) as f:
        table.to_csv(f)
    cli._Messages.say(result._summary(u._CLI_OPTIONS))
    return 0


@contextlib.contextmanager
def _in_cli_words() -> Iterator[None]:
    """The analysis's errors with composite's command-line advice (what to edit, not what to call)."""
    from . import _core, cli

    try:
        yield
    except _core.Error as error:
        raise cli._in_cli_advice(error) from None


def _rank_table(ranks: Any, n: int) -> Any:
    """The table --out writes. Without replications (-n 0 beside --sobol) only the nominal columns:
    columns of statistics over no replications would be written as empty cells that look like
    missing data."""
    if n > 0:
        return ranks.sort_values(["median_rank", "nominal_rank"])
    from . import cli

    cli._Messages.say(cli._msg("nominal_only"))
    return ranks[[c for c in ("name", "nominal_rank", "nominal_score") if c in ranks]].sort_values("nominal_rank")
