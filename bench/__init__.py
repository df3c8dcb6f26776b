"""``make bench``: the site served by gunicorn and measured with wrk, each target as
a ratio to a floor page measured in the same run; results in bench/results.md and
docs/performance.md. Uses the project and the demo; nothing imports it."""
