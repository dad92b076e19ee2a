#!/usr/bin/env bash
# Proves the monitoring in monitoring/ against the real platform: every panel query of every Grafana dashboard
# (monitoring/grafana/dashboards/*.json) and every alert rule (monitoring/prometheus/alerts.yml) is evaluated by a
# real Prometheus that scrapes a real run of the platform, and must return data.
#
#   ./wenku check          (needs /usr/bin/prometheus and promtool: apt-get install -y prometheus)
#
# What it does:
#  1. checks the files: promtool check rules/config (the shipped docker-compose Prometheus config too) and the
#     dashboards' structure (JSON, schemaVersion, unique panel ids, datasource uid wenku-prometheus, an expr per
#     target, no template variable other than Grafana's $__rate_interval / $__interval / $__range);
#  2. starts the embedded platform (./wenku run --quiet, which builds what it needs) on free ports in a
#     temporary data directory, with accounts whose passwords it generates;
#  3. reads the services' ports from the command lines of the launcher's child processes (--server.port= next to
#     the service's jar), writes a Prometheus config for them (same job names as the shipped one, same alerts.yml,
#     scrape and evaluation interval 2 s; the gateway with basic_auth of the operator from a password file) and
#     starts Prometheus on a free port. Debian's Prometheus (2.42) drops a whole scrape whose OpenMetrics text has
#     an exemplar on a `_count` line, which Micrometer writes once tracing is on (Prometheus 2.43 and newer, like
#     the image of docker-compose.yml, accept them). So this Prometheus scrapes through a small local proxy that
#     asks the services for the classic Prometheus text format (0.0.4) instead: same metrics and labels, no
#     exemplars;
#  4. once every target is up: uploads two new documents through the gateway as the editor, waits until both
#     are INDEXED, searches a little (so every counter, timer and histogram moves), then waits
#     WENKU_CHECK_WAIT seconds (30) so that rate() windows hold enough samples;
#  5. queries /api/v1/query for every panel target (Grafana's $__rate_interval is replaced by 1m, $__interval by
#     15s, $__range by 1h, what Grafana uses for the dashboards' default range and the 15 s scrape interval) and
#     for every alert rule: the rule must be evaluated by Prometheus without error (/api/v1/rules: health "ok"),
#     and its base expression must return data. The base expression is the rule without its final comparison
#     with a number (`X > 1.2` -> `X`, `up == 0` -> `up`), and for `absent(X)` the base of X: the series the
#     alert watches, which must exist while everything is fine (an alert that can only ever see "no data" would
#     never fire). "Returns data" means at least one series with a finite value (NaN does not count).
#  6. prints a table (file, panel or alert, PASS/FAIL, series) and exits 1 if anything failed.
#
# Everything it starts is stopped on exit, whatever the exit (Prometheus, then the platform with SIGTERM to the
# launcher, which stops its servers; anything left in the platform's process group after 90 s gets SIGKILL).
# A copy of the scrapes, the generated Prometheus config, the logs and the report is left in
# target/check-monitoring/ for diagnosis.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PROMETHEUS=${PROMETHEUS:-/usr/bin/prometheus}
PROMTOOL=${PROMTOOL:-$(dirname "$PROMETHEUS")/promtool}
WAIT_SECONDS=${WENKU_CHECK_WAIT:-30}
START_TIMEOUT=${WENKU_CHECK_START_TIMEOUT:-900}
REPORT_DIR=$ROOT/target/check-monitoring
ALERTS=$ROOT/monitoring/prometheus/alerts.yml
DASHBOARDS=$ROOT/monitoring/grafana/dashboards

fail() { echo "check-monitoring: $*" >&2; exit 1; }
for tool in python3 curl "$PROMETHEUS" "$PROMTOOL"; do
  command -v "$tool" >/dev/null || fail "$tool is missing (Prometheus and promtool: apt-get install -y prometheus)"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/wenku-check.XXXXXX")
platform_pid=""
prometheus_pid=""
proxy_pid=""

# A process that has exited but was not reaped yet (zombie) does not count as alive.
alive() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ $state != Z* ]]
}

save_report() {
  mkdir -p "$REPORT_DIR"
  rm -rf "${REPORT_DIR:?}"/*
  cp -r "$work/scrapes" "$REPORT_DIR/" 2>/dev/null || true
  cp "$work"/prometheus.yml "$work"/prometheus.log "$work"/platform.out "$work"/report.txt "$REPORT_DIR/" 2>/dev/null || true
  cp -r "$work/data/logs" "$REPORT_DIR/platform-logs" 2>/dev/null || true
}

stop_all() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$prometheus_pid" ] && alive "$prometheus_pid"; then
    kill -TERM "$prometheus_pid" 2>/dev/null || true
  fi
  if [ -n "$prometheus_pid" ]; then
    wait "$prometheus_pid" 2>/dev/null || true
  fi
  if [ -n "$proxy_pid" ]; then
    kill -TERM "$proxy_pid" 2>/dev/null || true
    wait "$proxy_pid" 2>/dev/null || true
  fi
  if [ -n "$platform_pid" ]; then
    if alive "$platform_pid"; then
      if [ "$(ps -o comm= -p "$platform_pid")" = java ]; then
        echo "Stopping the platform (SIGTERM to the launcher, pid $platform_pid) ..."
        kill -TERM "$platform_pid" 2>/dev/null || true
      else
        # Still building (./wenku run execs the launcher after the build): stop the build's processes too.
        kill -TERM -- "-$platform_pid" 2>/dev/null || true
      fi
    fi
    # The launcher stops the services and then Kafka and Elasticsearch; its children leave with it.
    local waited=0
    while alive "$platform_pid" && [ "$waited" -lt 180 ]; do
      sleep 0.5
      waited=$((waited + 1))
    done
    alive "$platform_pid" && { kill -KILL "$platform_pid" 2>/dev/null || true; }
    wait "$platform_pid" 2>/dev/null || true
    while pgrep -g "$platform_pid" >/dev/null 2>&1; do
      if [ "$waited" -ge 180 ]; then
        echo "Platform processes still running after 90 s: SIGKILL to process group $platform_pid" >&2
        kill -KILL -- "-$platform_pid" 2>/dev/null || true
        sleep 1
        break
      fi
      sleep 0.5
      waited=$((waited + 1))
    done
  fi
  save_report
  rm -rf "$work"
  exit "$status"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$work/scrapes"

# ---------------------------------------------------------------------------------------------------------------
echo "==> Checking the files"
"$PROMTOOL" check rules "$ALERTS"
# The shipped config, with its container paths pointed at this checkout and a stand-in password file.
echo "stand-in" > "$work/compose-prometheus-password"
sed -e "s#/etc/prometheus/alerts.yml#$ALERTS#" -e "s#/run/wenku/prometheus-password#$work/compose-prometheus-password#" \
  monitoring/prometheus/prometheus.yml > "$work/compose-prometheus.yml"
"$PROMTOOL" check config "$work/compose-prometheus.yml"
python3 - "$DASHBOARDS" <<'EOF'
import json, pathlib, re, sys
problems = []
files = sorted(pathlib.Path(sys.argv[1]).glob("*.json"))
if not files:
    problems.append("no dashboards in " + sys.argv[1])
uids = set()
for path in files:
    d = json.loads(path.read_text(encoding="utf-8"))
    where = path.name
    for key in ("uid", "title", "schemaVersion", "panels"):
        if key not in d:
            problems.append(f"{where}: no {key}")
    if d.get("uid") in uids:
        problems.append(f"{where}: uid {d.get('uid')} used twice")
    uids.add(d.get("uid"))
    panels = []
    for p in d.get("panels", []):
        panels.append(p)
        panels.extend(p.get("panels", []))
    ids = [p.get("id") for p in panels]
    if len(ids) != len(set(ids)) or None in ids:
        problems.append(f"{where}: panel ids missing or not unique: {ids}")
    for p in panels:
        if p.get("type") == "row":
            continue
        title = p.get("title", "?")
        if "gridPos" not in p:
            problems.append(f"{where} / {title}: no gridPos")
        if (p.get("datasource") or {}).get("uid") != "wenku-prometheus":
            problems.append(f"{where} / {title}: datasource is not uid wenku-prometheus")
        targets = p.get("targets") or []
        if not targets:
            problems.append(f"{where} / {title}: no targets")
        for t in targets:
            expr = t.get("expr", "").strip()
            if not expr:
                problems.append(f"{where} / {title}: a target without expr")
            for var in re.findall(r"\$\{?([A-Za-z_]\w*)", expr):
                if var not in ("__rate_interval", "__interval", "__range"):
                    problems.append(f"{where} / {title}: template variable ${var} (the check cannot evaluate it)")
            if (t.get("datasource") or {}).get("uid", "wenku-prometheus") != "wenku-prometheus":
                problems.append(f"{where} / {title}: target datasource is not uid wenku-prometheus")
for problem in problems:
    print("  " + problem)
if problems:
    sys.exit(1)
print(f"  {len(files)} dashboards: structure OK")
EOF

# ---------------------------------------------------------------------------------------------------------------
read -r gateway_port kafka_port elasticsearch_port prometheus_port proxy_port < <(python3 -c '
import socket
sockets = [socket.socket() for _ in range(5)]
for s in sockets:
    s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in sockets))
for s in sockets:
    s.close()')
editor_password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(15))')
operator_password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(15))')

echo "==> Starting the platform (data in $work/data; output in $work/platform.out) ..."
# A session (and process group) of its own: the launcher and every server it starts can be found and stopped.
# Its servers and services live a few minutes: C1 alone starts them sooner, as in the tests (childJvmOptions, pom.xml).
WENKU_CHILD_JVM_OPTIONS=${WENKU_CHILD_JVM_OPTIONS--XX:TieredStopAtLevel=1} \
WENKU_EDITOR_PASSWORD=$editor_password WENKU_OPERATOR_PASSWORD=$operator_password \
  setsid ./wenku run --quiet --data-dir="$work/data" --gateway-port="$gateway_port" \
  --kafka-port="$kafka_port" --elasticsearch-port="$elasticsearch_port" </dev/null >"$work/platform.out" 2>&1 &
platform_pid=$!
deadline=$((SECONDS + START_TIMEOUT))
until grep -q '==> Wenku is running' "$work/platform.out"; do
  if ! alive "$platform_pid"; then
    tail -n 40 "$work/platform.out" >&2
    fail "the platform stopped before it was ready"
  fi
  [ "$SECONDS" -lt "$deadline" ] || { tail -n 40 "$work/platform.out" >&2; fail "the platform was not ready within ${START_TIMEOUT} s"; }
  sleep 2
done
grep -A3 '==> Wenku is running' "$work/platform.out" | sed -n '1,2p'
gateway=$(sed -n 's/^ *Gateway: *//p' "$work/platform.out" | head -n 1)
[ -n "$gateway" ] || fail "no gateway URL in the platform's output"

# The services' ports: the launcher's children are `java ... <service>-<version>-exec.jar ... --server.port=N`.
declare -A port=()
for child in $(pgrep -P "$platform_pid"); do
  args=$(tr '\0' ' ' < "/proc/$child/cmdline" 2>/dev/null || true)
  for service in ingest-service analysis-service search-service operations-service gateway; do
    if [[ $args =~ /${service}-[^/[:space:]:]*-exec\.jar ]] && [[ $args =~ --server\.port=([0-9]+) ]]; then
      port[$service]=${BASH_REMATCH[1]}
    fi
  done
done
for service in ingest-service analysis-service search-service operations-service gateway; do
  [ -n "${port[$service]:-}" ] || fail "no process of $service among the launcher's children"
done
[ "$gateway" = "http://127.0.0.1:${port[gateway]}" ] || fail "gateway $gateway but the gateway process has port ${port[gateway]}"
echo "    ports: ingest ${port[ingest-service]}, analysis ${port[analysis-service]}, search ${port[search-service]},"\
  "operations ${port[operations-service]}, gateway ${port[gateway]}"

# ---------------------------------------------------------------------------------------------------------------
# The scrape proxy (see the top of this file): loopback targets only, Accept: text/plain;version=0.0.4.
cat > "$work/scrape-proxy.py" <<'EOF'
import http.server, sys, urllib.error, urllib.parse, urllib.request
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class Scrape(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        target = urllib.parse.urlsplit(self.path)
        if target.scheme != "http" or target.hostname != "127.0.0.1":
            self.send_error(403, "loopback targets only")
            return
        request = urllib.request.Request(self.path, headers={"Accept": "text/plain;version=0.0.4"})
        if self.headers.get("Authorization"):
            request.add_header("Authorization", self.headers["Authorization"])
        try:
            with opener.open(request, timeout=10) as answer:
                status, content_type, body = answer.status, answer.headers.get("Content-Type"), answer.read()
        except urllib.error.HTTPError as e:
            status, content_type, body = e.code, e.headers.get("Content-Type", "text/plain"), e.read()
        except OSError as e:
            self.send_error(502, str(e))
            return
        self.send_response(status)
        self.send_header("Content-Type", content_type or "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Scrape).serve_forever()
EOF
python3 "$work/scrape-proxy.py" "$proxy_port" </dev/null >"$work/proxy.log" 2>&1 &
proxy_pid=$!

printf '%s' "$operator_password" > "$work/operator-password"
chmod 600 "$work/operator-password"
cat > "$work/prometheus.yml" <<EOF
# Generated by check-monitoring.sh: monitoring/prometheus/prometheus.yml for this run's loopback ports.
# Scrapes go through the local proxy of check-monitoring.sh (classic text format; see the top of the script).
global:
  scrape_interval: 2s
  scrape_timeout: 2s
  evaluation_interval: 2s
rule_files:
  - $ALERTS
scrape_configs:
  - job_name: wenku-ingest
    metrics_path: /actuator/prometheus
    proxy_url: http://127.0.0.1:$proxy_port
    static_configs: [{targets: ['127.0.0.1:${port[ingest-service]}'], labels: {application: ingest-service}}]
  - job_name: wenku-analysis
    metrics_path: /actuator/prometheus
    proxy_url: http://127.0.0.1:$proxy_port
    static_configs: [{targets: ['127.0.0.1:${port[analysis-service]}'], labels: {application: analysis-service}}]
  - job_name: wenku-search
    metrics_path: /actuator/prometheus
    proxy_url: http://127.0.0.1:$proxy_port
    static_configs: [{targets: ['127.0.0.1:${port[search-service]}'], labels: {application: search-service}}]
  - job_name: wenku-operations
    metrics_path: /actuator/prometheus
    proxy_url: http://127.0.0.1:$proxy_port
    static_configs: [{targets: ['127.0.0.1:${port[operations-service]}'], labels: {application: operations-service}}]
  - job_name: wenku-gateway
    metrics_path: /actuator/prometheus
    proxy_url: http://127.0.0.1:$proxy_port
    basic_auth:
      username: operator
      password_file: $work/operator-password
    static_configs: [{targets: ['127.0.0.1:${port[gateway]}'], labels: {application: gateway}}]
EOF
"$PROMTOOL" check config "$work/prometheus.yml" >/dev/null
prometheus_url=http://127.0.0.1:$prometheus_port
echo "==> Starting Prometheus on $prometheus_url"
"$PROMETHEUS" --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prometheus_port" --log.level=warn </dev/null >"$work/prometheus.log" 2>&1 &
prometheus_pid=$!
deadline=$((SECONDS + 60))
until curl -fsS "$prometheus_url/-/ready" >/dev/null 2>&1; do
  alive "$prometheus_pid" || { cat "$work/prometheus.log" >&2; fail "Prometheus stopped"; }
  [ "$SECONDS" -lt "$deadline" ] || fail "Prometheus was not ready within 60 s"
  sleep 1
done
deadline=$((SECONDS + 60))
until [ "$(curl -fsS "$prometheus_url/api/v1/targets?state=active" \
    | python3 -c 'import json,sys; t=json.load(sys.stdin)["data"]["activeTargets"]; print(sum(x["health"]=="up" for x in t), len(t))')" = "5 5" ]; do
  [ "$SECONDS" -lt "$deadline" ] || { curl -fsS "$prometheus_url/api/v1/targets" >&2; fail "not every target is up after 60 s"; }
  sleep 1
done
echo "    all 5 targets up"
for service in ingest-service analysis-service search-service operations-service; do
  curl -fsS "http://127.0.0.1:${port[$service]}/actuator/prometheus" > "$work/scrapes/$service.txt"
done
curl -fsS -u "operator:$operator_password" "$gateway/actuator/prometheus" > "$work/scrapes/gateway.txt"

# ---------------------------------------------------------------------------------------------------------------
echo "==> Uploading two documents as the editor and searching"
stamp=$(date +%s%N)
ids=()
for n in 1 2; do
  body=$(python3 -c 'import json,sys; n,s=sys.argv[1:3]; print(json.dumps({"title": f"监控检查 {n} {s}",
    "body": f"加快发展新质生产力，推动数字经济和实体经济深度融合。监控检查第{n}篇，编号{s}。科技创新是发展新质生产力的核心要素。",
    "source": "check-monitoring", "tags": ["监控"]}, ensure_ascii=False))' "$n" "$stamp")
  answer=$(curl -fsS -u "editor:$editor_password" -H 'Content-Type: application/json; charset=utf-8' \
    --data-binary "$body" "$gateway/api/documents")
  ids+=("$(python3 -c 'import json,sys; print(json.load(sys.stdin)["documents"][0]["id"])' <<<"$answer")")
done
deadline=$((SECONDS + 120))
for id in "${ids[@]}"; do
  until [ "$(curl -fsS -u "editor:$editor_password" "$gateway/api/documents/$id" \
      | python3 -c 'import json,sys; print(json.load(sys.stdin).get("status"))')" = INDEXED ]; do
    [ "$SECONDS" -lt "$deadline" ] || fail "document $id was not INDEXED within 120 s"
    sleep 1
  done
done
echo "    ${ids[*]} INDEXED"
for query in 新质生产力 监控检查 数字经济 xinzhi; do
  curl -fsS -o /dev/null -G --data-urlencode "q=$query" "$gateway/api/search"
  curl -fsS -o /dev/null -G --data-urlencode "q=$query" "$gateway/api/search/suggest"
done
curl -fsS -o /dev/null "$gateway/api/documents/${ids[0]}/reading"
echo "==> Waiting ${WAIT_SECONDS} s for Prometheus to collect samples ..."
sleep "$WAIT_SECONDS"

# ---------------------------------------------------------------------------------------------------------------
echo "==> Evaluating every panel and alert"
set +e
python3 - "$prometheus_url" "$DASHBOARDS" "$work/report.txt" <<'EOF'
import json, math, pathlib, sys, urllib.error, urllib.parse, urllib.request

prometheus, dashboards, report = sys.argv[1], pathlib.Path(sys.argv[2]), sys.argv[3]
GRAFANA_VARIABLES = {"$__rate_interval": "1m", "${__rate_interval}": "1m", "$__interval": "15s",
                     "${__interval}": "15s", "$__range": "1h", "${__range}": "1h"}

def query(expr):
    data = urllib.parse.urlencode({"query": expr}).encode()
    try:
        with urllib.request.urlopen(prometheus + "/api/v1/query", data=data, timeout=30) as answer:
            body = json.load(answer)
    except urllib.error.HTTPError as e:
        return None, json.load(e).get("error", str(e))
    result = body["data"]["result"]
    if body["data"]["resultType"] == "scalar":
        result = [{"value": result}]
    return result, None

def finite(series):
    try:
        return math.isfinite(float(series["value"][1]))
    except (KeyError, ValueError, TypeError):
        return False

def base_expression(expr):
    """The rule without its last top-level comparison with a number; absent(X) -> base of X."""
    expr = expr.strip()
    depth, quote, cut = 0, None, None
    i = 0
    while i < len(expr):
        c = expr[i]
        if quote:
            if c == "\\":
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"'`":
            quote = c
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif depth == 0 and c in "<>=!":
            op = expr[i:i + 2] if expr[i:i + 2] in ("==", "!=", ">=", "<=") else c
            if op != "=" and op != "!":
                rest = expr[i + len(op):].strip()
                if rest.startswith("bool "):
                    rest = rest[5:].strip()
                try:
                    float(rest)
                    cut = i
                except ValueError:
                    pass
            i += len(op) - 1
        i += 1
    if cut is not None:
        expr = expr[:cut].strip()
    if expr.startswith("absent(") and expr.endswith(")"):
        return base_expression(expr[len("absent("):-1])
    return expr

rows = []  # (file, title, result, series, note)
for path in sorted(dashboards.glob("*.json")):
    dashboard = json.loads(path.read_text(encoding="utf-8"))
    panels = []
    for p in dashboard["panels"]:
        panels.append(p)
        panels.extend(p.get("panels", []))
    for panel in panels:
        for target in panel.get("targets", []):
            expr = target["expr"]
            for variable, value in GRAFANA_VARIABLES.items():
                expr = expr.replace(variable, value)
            result, error = query(expr)
            title = f'{panel.get("title")} [{target.get("refId", "?")}]'
            if error:
                rows.append((path.name, title, "FAIL", 0, "error: " + error))
            else:
                good = sum(finite(s) for s in result)
                rows.append((path.name, title, "PASS" if good else "FAIL", len(result),
                             "" if good else ("only NaN" if result else "no data") + ": " + expr))

with urllib.request.urlopen(prometheus + "/api/v1/rules?type=alert", timeout=30) as answer:
    groups = json.load(answer)["data"]["groups"]
for group in groups:
    for rule in group["rules"]:
        title = rule["name"]
        if rule.get("health") != "ok":
            rows.append(("alerts.yml", title, "FAIL", 0, f'rule health {rule.get("health")}: {rule.get("lastError", "")}'))
            continue
        base = base_expression(rule["query"])
        result, error = query(base)
        state = rule.get("state", "?")
        if error:
            rows.append(("alerts.yml", title, "FAIL", 0, "error: " + error))
        else:
            good = sum(finite(s) for s in result)
            rows.append(("alerts.yml", title, "PASS" if good else "FAIL", len(result),
                         f"state {state}" + ("" if good else "; base expression has no data: " + base)))

width_file = max(len(r[0]) for r in rows)
width_title = max(len(r[1]) for r in rows)
lines = [f'{"FILE":<{width_file}}  {"PANEL / ALERT":<{width_title}}  RESULT  SERIES  NOTE']
for r in rows:
    lines.append(f"{r[0]:<{width_file}}  {r[1]:<{width_title}}  {r[2]:<6}  {r[3]:>6}  {r[4]}")
passed = sum(r[2] == "PASS" for r in rows)
lines.append(f"\n{passed} of {len(rows)} queries PASS ({sum(r[0] != 'alerts.yml' for r in rows)} panel targets, "
             f"{sum(r[0] == 'alerts.yml' for r in rows)} alert rules)")
text = "\n".join(lines)
print(text)
pathlib.Path(report).write_text(text + "\n", encoding="utf-8")
sys.exit(0 if passed == len(rows) else 1)
EOF
result=$?
set -e
for service in ingest-service analysis-service search-service operations-service; do
  curl -fsS "http://127.0.0.1:${port[$service]}/actuator/prometheus" > "$work/scrapes/$service.txt" || true
done
curl -fsS -u "operator:$operator_password" "$gateway/actuator/prometheus" > "$work/scrapes/gateway.txt" || true
if [ "$result" -ne 0 ]; then
  echo "check-monitoring: FAILED (scrapes, logs and report in target/check-monitoring/)" >&2
  exit 1
fi
echo "check-monitoring: every panel and alert returns data"
