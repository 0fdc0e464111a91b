"""wilson.json: Wilson score intervals from statsmodels, for ProportionTest (run: /usr/bin/python3 gen_wilson.py)."""
import json
from pathlib import Path

import statsmodels
from statsmodels.stats.proportion import proportion_confint

CASES = [(7, 20, 0.95), (0, 15, 0.95), (15, 15, 0.95), (450, 450, 0.9), (3, 450, 0.99), (281, 450, 0.95), (1, 1, 0.8)]


def main():
    out = []
    for k, n, level in CASES:
        low, high = proportion_confint(k, n, alpha=1 - level, method="wilson")
        out.append({"successes": k, "trials": n, "level": level, "low": low, "high": high})
    (Path(__file__).resolve().parent / "wilson.json").write_text(json.dumps(
        {"generator": "gen_wilson.py, statsmodels " + statsmodels.__version__, "cases": out}, indent=1))


if __name__ == "__main__":
    main()
