#!/usr/bin/env bash
# The demo (`make demo`): starts the LaunchDarkly API emulator in the background and drives the root Pulumi
# project (`relay-demo`, program demo/index.ts) through the real pulumi CLI in four steps: create, a policy
# change, a key rotation with a grace period, and a policy-pack violation. LaunchDarkly's own Relay Proxy
# (ld-relay, .tools/ld-relay) runs on the production key from step 1 on: it shows the environments the policy
# gives it, receives the policy change without a restart, and in the rotation keeps serving on the old key until
# the emulator's clock passes the grace period, while a second relay serves on the new key. It leaves the
# stack, the emulator and the relays running and prints how to keep going. `scripts/demo.sh down`
# (`make demo-down`) destroys the stack, stops the relays and the emulator and removes .demo/. Everything
# lives under the git-ignored .demo/; nothing leaves 127.0.0.1 (the relays listen on all interfaces, on a free
# port). It never prints the access token or a key: relay keys go from `pulumi stack output --show-secrets`
# into shell variables and from there into a relay's environment.
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DEMO="$ROOT/.demo"
STACK=demo
PASSPHRASE=relay-demo-passphrase
RELAY_BIN="$ROOT/.tools/ld-relay/bin/ld-relay"

export PATH="$ROOT/.tools/pulumi/bin:$ROOT/node_modules/.bin:$PATH"
export PULUMI_HOME="$DEMO/home"
export PULUMI_BACKEND_URL="file://$DEMO/state"
export PULUMI_CONFIG_PASSPHRASE="$PASSPHRASE"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_NODEJS_TRANSPILE_ONLY=true
unset PULUMI_ACCESS_TOKEN PULUMI_CONFIG_PASSPHRASE_FILE

if [[ -t 1 ]]; then BOLD=$'\e[1m'; DIM=$'\e[2m'; RESET=$'\e[0m'; else BOLD=""; DIM=""; RESET=""; fi

banner() {
  echo
  echo "${BOLD}==============================================================================${RESET}"
  echo "${BOLD}  $*${RESET}"
  echo "${BOLD}==============================================================================${RESET}"
}
say() { echo "${BOLD}>>${RESET} $*"; }
# Shows a command, then runs it. Never used with a secret on the command line.
# `pulumi_` (pulumi with --stack and --non-interactive) is shown as `pulumi`.
run() {
  local shown=("$@")
  [[ "$1" == pulumi_ ]] && shown[0]=pulumi
  echo "${DIM}\$ ${shown[*]}${RESET}"
  "$@"
}
die() {
  echo "demo: $*" >&2
  exit 1
}
pulumi_() { pulumi "$@" --stack "$STACK" --non-interactive; }

# ---- emulator -------------------------------------------------------------------------------------------

# Whether the pid in file $1 is alive and its command line contains $2 (not a recycled pid).
pid_alive_as() {
  local pid
  [[ -f "$1" ]] || return 1
  pid="$(cat "$1")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$2" || return 1
}

# Stops pid $1 (described as $2): SIGTERM, then SIGKILL after 5 s.
stop_pid() {
  say "stopping $2 (pid $1)"
  kill -TERM "$1"
  for _ in $(seq 1 50); do
    kill -0 "$1" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$1" 2>/dev/null; then kill -KILL "$1" 2>/dev/null || true; fi
}

# Whether the pid in .demo/emulator.pid is alive and is our emulator.
emulator_alive() { pid_alive_as "$DEMO/emulator.pid" "dist/emulator/cli.js"; }

stop_emulator() {
  if emulator_alive; then stop_pid "$(cat "$DEMO/emulator.pid")" "the emulator"; fi
  rm -f "$DEMO/emulator.pid"
}

start_emulator() {
  [[ -f dist/emulator/cli.js ]] || die "dist/emulator/cli.js is missing: run 'make build' (or use 'make demo')"
  mkdir -p "$DEMO/emulator-data"
  : >"$DEMO/emulator.log"
  # The token reaches the emulator through its environment, not its command line (visible in ps).
  # setsid: the emulator outlives this script and a Ctrl-C in the terminal that ran it.
  EMULATOR_TOKEN="$(cat "$DEMO/token")" setsid node dist/emulator/cli.js --port 0 --data-dir "$DEMO/emulator-data" --control \
    >>"$DEMO/emulator.log" 2>&1 </dev/null &
  echo $! >"$DEMO/emulator.pid"
  local line=""
  for _ in $(seq 1 100); do
    line="$(grep -m1 '^listening on ' "$DEMO/emulator.log" || true)"
    [[ -n "$line" ]] && break
    emulator_alive || { cat "$DEMO/emulator.log" >&2; die "the emulator did not start"; }
    sleep 0.1
  done
  [[ -n "$line" ]] || die "the emulator did not print its address within 10 s (see .demo/emulator.log)"
  EMULATOR_URL="${line#listening on }"
  echo "$EMULATOR_URL" >"$DEMO/emulator.url"
  say "emulator listening on $EMULATOR_URL (pid $(cat "$DEMO/emulator.pid"), data in .demo/emulator-data, log in .demo/emulator.log)"
}

# ---- Relay Proxies (ld-relay) --------------------------------------------------------------------------------
# Each relay NAME has .demo/relays/NAME.{pid,port,log}. It is started detached (setsid), so it outlives this
# script like the emulator, and is stopped by its pid.

# Whether the pid in .demo/relays/$1.pid is alive and is an ld-relay.
relay_alive() { pid_alive_as "$DEMO/relays/$1.pid" "ld-relay"; }

# Starts relay $1 on the key read from stdin; returns once it answers /status.
relay_start() {
  local name=$1 key port
  key="$(cat)"
  mkdir -p "$DEMO/relays"
  port="$(node -e 'const s = require("net").createServer().listen(0, () => { process.stdout.write(String(s.address().port)); s.close(); })')"
  echo "$port" >"$DEMO/relays/$name.port"
  : >"$DEMO/relays/$name.log"
  # The key reaches ld-relay through its environment only (not its command line, not a file).
  env -i PATH="$PATH" AUTO_CONFIG_KEY="$key" STREAM_URI="$EMULATOR_URL" BASE_URI="$EMULATOR_URL" \
    CLIENT_SIDE_BASE_URI="$EMULATOR_URL" EVENTS_HOST="$EMULATOR_URL" USE_EVENTS=false PORT="$port" LOG_LEVEL=debug \
    setsid "$RELAY_BIN" --from-env >>"$DEMO/relays/$name.log" 2>&1 </dev/null &
  echo $! >"$DEMO/relays/$name.pid"
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/status" && return 0
    relay_alive "$name" || { tail -n 5 "$DEMO/relays/$name.log" >&2; die "relay $name exited"; }
    sleep 0.1
  done
  die "relay $name did not answer on port $port within 10 s (see .demo/relays/$name.log)"
}

# Relay $1's /status as one line: `healthy: proj/web:env/production (connected), …`.
relay_status() {
  curl -s "http://127.0.0.1:$(cat "$DEMO/relays/$1.port")/status" | node -e '
    const s = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const envs = Object.values(s.environments || {}).map((e) => `proj/${e.projKey}:env/${e.envKey} (${e.status})`).sort();
    process.stdout.write(`${s.status}: ${envs.join(", ") || "no environments"}`);'
}

# Waits (20 s at most) until relay $1 is healthy with exactly the environments $2 (comma-separated, sorted).
relay_wait() {
  local name=$1 want=$2 got=""
  for _ in $(seq 1 200); do
    got="$(relay_status "$name")"
    [[ "$got" == "healthy: $(sed 's/,/ (connected), /g' <<<"$want") (connected)" ]] && return 0
    sleep 0.1
  done
  die "relay $name: expected $want, last status: $got"
}

# Waits (20 s at most) until relay $1 logged LaunchDarkly's refusal of its key.
relay_wait_cut_off() {
  for _ in $(seq 1 200); do
    grep -q "Invalid auto-configuration key" "$DEMO/relays/$1.log" && return 0
    sleep 0.1
  done
  die "relay $1 was not cut off (see .demo/relays/$1.log)"
}

stop_relays() {
  local file name
  for file in "$DEMO"/relays/*.pid; do
    [[ -e "$file" ]] || continue
    name="$(basename "$file" .pid)"
    if relay_alive "$name"; then stop_pid "$(cat "$file")" "relay $name"; fi
    rm -f "$file"
  done
}

# ---- helpers over the emulator and the stack --------------------------------------------------------------

# The relay key of one tier, from the stack's secret output (for a shell variable only, never printed).
relay_key() {
  pulumi_ stack output fullKeys --show-secrets --json | node -e '
    const keys = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const key = keys && keys[process.argv[1]];
    if (typeof key !== "string" || key === "") { console.error("no key for " + process.argv[1]); process.exit(1); }
    process.stdout.write(key);' "$1"
}

# One field of one tier from the `configs` output.
config_field() {
  pulumi_ stack output configs --json | node -e '
    const c = JSON.parse(require("fs").readFileSync(0, "utf8"));
    process.stdout.write(String((c[process.argv[1]] || {})[process.argv[2]] ?? ""));' "$1" "$2"
}

# The API requests the emulator logged since the last clear, one per line.
emulator_requests() {
  curl -s "$EMULATOR_URL/__emulator/log" | node -e '
    const { entries } = JSON.parse(require("fs").readFileSync(0, "utf8"));
    for (const e of entries.filter((e) => e.path.startsWith("/api/"))) console.log(`   ${e.method} ${e.path} -> ${e.status}`);'
}
clear_requests() { curl -s -o /dev/null -X DELETE "$EMULATOR_URL/__emulator/log"; }
emulator_clock_offset() {
  curl -s -o /dev/null -X POST -H 'Content-Type: application/json' -d "{\"offsetMs\": $1}" "$EMULATOR_URL/__emulator/clock"
}

use_emulator_env() {
  EMULATOR_URL="$(cat "$DEMO/emulator.url")"
  export LAUNCHDARKLY_API_HOST="$EMULATOR_URL"
  LAUNCHDARKLY_ACCESS_TOKEN="$(cat "$DEMO/token")"
  export LAUNCHDARKLY_ACCESS_TOKEN
}

# ---- down ---------------------------------------------------------------------------------------------------

down() {
  if [[ ! -d "$DEMO" ]]; then
    say "no demo to tear down (.demo/ does not exist)"
    return 0
  fi
  if emulator_alive && [[ -f "$DEMO/emulator.url" && -d "$DEMO/state/.pulumi" ]]; then
    use_emulator_env
    banner "Tearing down: pulumi destroy"
    if [[ -f "$DEMO/state/.pulumi/stacks/relay-demo/$STACK.json" ]]; then
      run pulumi_ destroy --yes --skip-preview
      run pulumi_ stack rm --yes
    fi
  else
    say "the emulator is not running: nothing to destroy remotely (the demo's configs lived only in the emulator)"
  fi
  stop_relays
  stop_emulator
  rm -rf "$DEMO"
  say "removed .demo/ — the demo is gone"
}

# ---- the demo ----------------------------------------------------------------------------------------------

check_prerequisites() {
  [[ -x .tools/pulumi/bin/pulumi ]] || die "the pulumi engine is missing: run 'make engine' (or use 'make demo')"
  [[ -f dist/provider/handlers.js ]] || die "the provider is not built: run 'make build' (or use 'make demo')"
  [[ -x "$RELAY_BIN" ]] || die "ld-relay is missing: run 'make engine' (or use 'make demo')"
  command -v curl >/dev/null || die "curl is needed to read the relays' /status"
  # The program and the serialized provider require pulumi-launchdarkly-relay (the provider loads
  # pulumi-launchdarkly-relay/dist/provider/handlers from the program directory, demo/): link this repository
  # under its package name, as `npm install` of demo/package.json would. The link lives in demo/node_modules
  # (git-ignored), not in the root node_modules, where the e2e harness links the package itself.
  if [[ ! -e demo/node_modules/pulumi-launchdarkly-relay ]]; then
    mkdir -p demo/node_modules
    ln -sfn ../.. demo/node_modules/pulumi-launchdarkly-relay
    say "linked demo/node_modules/pulumi-launchdarkly-relay -> repository root"
  elif [[ "$(cd demo/node_modules/pulumi-launchdarkly-relay && pwd -P)" != "$(pwd -P)" ]]; then
    say "note: demo/node_modules/pulumi-launchdarkly-relay is not this repository; the demo uses it as installed"
  fi
}

demo() {
  check_prerequisites
  if [[ -d "$DEMO" ]]; then
    say "a previous demo was found: stopping its relays and emulator and starting over"
    stop_relays
    stop_emulator
    rm -rf "$DEMO"
  fi
  mkdir -p "$DEMO/state" "$DEMO/config" "$DEMO/home"
  (umask 077 && node -e 'process.stdout.write("demo-" + require("crypto").randomBytes(16).toString("hex"))' >"$DEMO/token")

  banner "Setup: emulator, local state backend, stack '$STACK'"
  start_emulator
  use_emulator_env
  say "state backend: $PULUMI_BACKEND_URL (passphrase '$PASSPHRASE'); access token in .demo/token"
  run pulumi stack init "$STACK" --non-interactive
  # The stack config (under .demo/config, see Pulumi.yaml stackConfigDir): one relay config per environment tier.
  pulumi_ config set-all --json "$(node -e '
    const relays = require(process.argv[1]);
    process.stdout.write(JSON.stringify({ "relay-demo:relays": { value: JSON.stringify(relays), objectValue: relays } }));' "$ROOT/demo/relays.json")"
  say "stack config 'relays' set from demo/relays.json: tiers development, staging, production"

  # ---- 1 ----
  banner "Step 1/4: create one relay config per environment tier"
  run pulumi_ preview --diff
  run pulumi_ up --yes --skip-preview
  say "outputs (the keys are secrets: Pulumi shows [secret] unless asked with --show-secrets):"
  run pulumi_ stack output
  say "starting LaunchDarkly's Relay Proxy (ld-relay $("$RELAY_BIN" --version 2>&1 | sed -n 's/.*relay version //p')) with the production key (AUTO_CONFIG_KEY), every URI at the emulator:"
  relay_key production | relay_start production
  relay_wait production "proj/web:env/production"
  echo "   relay 'production' (pid $(cat "$DEMO/relays/production.pid"), port $(cat "$DEMO/relays/production.port")) /status -> $(relay_status production)"
  say "the relay serves exactly what the policy allows in the emulator's account (web, mobile, internal × 3 environments)"

  # ---- 2 ----
  banner "Step 2/4: a policy change — production relays also serve the mobile app"
  run pulumi_ config set --path 'relays.production.policy[0].resources[1]' 'proj/mobile:env/production'
  say "preview: only relay-production changes, by one resource specifier"
  run pulumi_ preview --diff
  clear_requests
  run pulumi_ up --yes --skip-preview
  say "what the provider sent to the emulator (the account listing behind reach, then one minimal JSON Patch guarded by test operations on what the state holds):"
  emulator_requests
  local relay_pid
  relay_pid="$(cat "$DEMO/relays/production.pid")"
  relay_wait production "proj/mobile:env/production,proj/web:env/production"
  relay_alive production && [[ "$(cat "$DEMO/relays/production.pid")" == "$relay_pid" ]] || die "the production relay restarted"
  say "the running relay received the change over its stream, without a restart (pid $relay_pid):"
  echo "   /status -> $(relay_status production)"

  # ---- 3 ----
  banner "Step 3/4: rotate the production key with a 1h grace period"
  local old_key new_key old_display new_display config_id expires status
  old_key="$(relay_key production)"
  old_display="$(config_field production displayKey)"
  config_id="$(config_field production configId)"
  run pulumi_ config set --path relays.production.rotation.trigger 2026-02
  say "preview: the rotation trigger changes; the configuration is updated in place, not replaced"
  run pulumi_ preview --diff
  clear_requests
  run pulumi_ up --yes --skip-preview
  say "what the provider sent (one key reset with an expiry for the old key):"
  emulator_requests
  new_key="$(relay_key production)"
  new_display="$(config_field production displayKey)"
  expires="$(config_field production previousKeyExpiresAt)"
  [[ "$(config_field production configId)" == "$config_id" ]] || die "the production config was replaced instead of rotated"
  [[ "$new_key" != "$old_key" ]] || die "the production key did not change"
  say "same config ($config_id); key ...$old_display replaced by ...$new_display; old key accepted until $expires"
  say "starting a second relay on the new key; the first one still runs on the old key:"
  relay_start production-new <<<"$new_key"
  relay_wait production-new "proj/mobile:env/production,proj/web:env/production"
  echo "   relay 'production'     (old key ...$old_display) /status -> $(relay_status production)"
  echo "   relay 'production-new' (new key ...$new_display) /status -> $(relay_status production-new)"
  grep -q "Invalid auto-configuration key" "$DEMO/relays/production.log" && die "the old key was cut off within its grace period"
  say "moving the emulator's clock 61 minutes ahead (control API), past the grace period:"
  emulator_clock_offset $((61 * 60 * 1000))
  relay_wait_cut_off production
  echo "   relay 'production' log: $(grep -m1 "Invalid auto-configuration key" "$DEMO/relays/production.log" | sed 's/^[0-9/]* [0-9:.]* //')"
  echo "   (LaunchDarkly closed its stream; its reconnect got 401. It keeps serving what it had, but hears no more changes.)"
  relay_wait production-new "proj/mobile:env/production,proj/web:env/production"
  echo "   relay 'production-new' /status -> $(relay_status production-new)"
  emulator_clock_offset 0
  say "emulator clock back to real time (an expired key stays expired)"
  unset old_key new_key

  # ---- 4 ----
  banner "Step 4/4: a policy violation caught at preview by the policy pack"
  [[ -f policy-pack/PulumiPolicy.yaml ]] || die "policy-pack/ is missing"
  say "adding a deliberately over-broad config: allow proj/*:env/* with actions *"
  run pulumi_ config set-all --path \
    --plaintext 'relays.everything.name=relay-everything' \
    --plaintext 'relays.everything.policy[0].effect=allow' \
    --plaintext 'relays.everything.policy[0].resources[0]=proj/*:env/*' \
    --plaintext 'relays.everything.policy[0].actions[0]=*'
  local out code=0
  echo "${DIM}\$ pulumi preview --diff --policy-pack policy-pack${RESET}"
  out="$(pulumi_ preview --diff --policy-pack policy-pack --color never 2>&1)" || code=$?
  echo "$out"
  run pulumi_ config rm --path relays.everything
  if [[ $code -eq 0 ]]; then
    die "the preview should have been rejected by the policy pack"
  fi
  grep -q "relay-no-unrestricted-access" <<<"$out" ||
    die "the preview failed (exit $code), but not with the relay-no-unrestricted-access violation (see above)"
  say "rejected as expected (exit $code): mandatory policy relay-no-unrestricted-access; nothing was changed"
  say "restored the config; the stack as it is passes the policy pack and has nothing to change:"
  run pulumi_ preview --policy-pack policy-pack --expect-no-changes

  # ---- keep going ----
  banner "Done. The stack '$STACK' and the emulator keep running."
  cat <<EOF
To keep going in this shell:

  export PATH="$ROOT/.tools/pulumi/bin:$ROOT/node_modules/.bin:\$PATH"
  export PULUMI_HOME="$PULUMI_HOME"
  export PULUMI_BACKEND_URL="$PULUMI_BACKEND_URL"
  export PULUMI_CONFIG_PASSPHRASE="$PASSPHRASE"
  export LAUNCHDARKLY_API_HOST="$EMULATOR_URL"
  export LAUNCHDARKLY_ACCESS_TOKEN="\$(cat $DEMO/token)"
  cd "$ROOT"
  pulumi stack select $STACK
  pulumi stack output                      # the keys stay [secret]
  pulumi config get relays                 # what the program declares; change it with pulumi config set --path …
  pulumi preview --diff --policy-pack policy-pack

Relays: production-new serves the production key on http://127.0.0.1:$(cat "$DEMO/relays/production-new.port") (log .demo/relays/)
  curl -s http://127.0.0.1:$(cat "$DEMO/relays/production-new.port")/status   # change relays.production.policy, pulumi up, look again

Emulator: $EMULATOR_URL (pid $(cat "$DEMO/emulator.pid"), log .demo/emulator.log)
  curl -s $EMULATOR_URL/__emulator/log     # the API requests the provider made
  curl -s $EMULATOR_URL/__emulator/state   # what the emulator holds (no keys)

Tear down: make demo-down   (destroys the stack, stops the relays and the emulator, removes .demo/)
EOF
}

on_exit() {
  local code=$?
  if [[ $code -ne 0 ]]; then
    echo "demo: failed (exit $code). The emulator may still be running: 'make demo-down' (scripts/demo.sh down) cleans up." >&2
  fi
}

case "${1:-up}" in
  up)
    trap on_exit EXIT
    demo
    ;;
  down) down ;;
  *) die "usage: scripts/demo.sh [up|down]" ;;
esac
