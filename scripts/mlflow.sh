# Sourced after setup.sh by scripts/test and scripts/mlflow: installs MLflow with its auth extra
# into a project-local virtualenv per version, once; starts `mlflow server --app-name basic-auth`
# on 127.0.0.1 with a fresh SQLite store, waits until it answers, and stops it by its PID.
MLFLOW_VERSION=3.17.2        # the current API: grants per user, and roles
MLFLOW_LEGACY_VERSION=3.12.0 # the last with per-resource permission endpoints
MLFLOW_PIDS=()
MLFLOW_DIRS=()

mlflow_venv() { echo "$TOOLS/mlflow-$1"; }

ensure_mlflow() {
  local version="$1" venv
  venv="$(mlflow_venv "$version")"
  if [ "$("$venv/bin/mlflow" --version 2>/dev/null | awk '{print $NF}')" = "$version" ]; then
    return
  fi
  say "installing MLflow $version (with auth) from PyPI into ${venv#"$ROOT"/}"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "mlflow[auth]==$version"
}

# Both versions, side by side (each install is mostly download time).
ensure_mlflows() {
  if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
  fi
  ensure_mlflow "$MLFLOW_VERSION" & local current=$!
  ensure_mlflow "$MLFLOW_LEGACY_VERSION" & local legacy=$!
  wait "$current" && wait "$legacy"
}

# `start_mlflow VERSION PREFIX` starts a server and exports PREFIX_URL, PREFIX_ADMIN and
# PREFIX_PASSWORD for the tests. `start_mlflow VERSION PREFIX ui` starts it without basic auth,
# for the benchmark to load MLflow's web UI the way a browser does without a password prompt.
start_mlflow() {
  local version="$1" prefix="$2" mode="${3:-auth}" dir port password pid tries=0 app=(--app-name basic-auth)
  ensure_mlflow "$version"
  dir="$(mktemp -d)"
  MLFLOW_DIRS+=("$dir")
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  password="admin-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  # auth_cache_ttl_seconds: otherwise every request pays ~240 ms of password hashing.
  cat > "$dir/auth.ini" <<INI
[mlflow]
default_permission = READ
database_uri = sqlite:///$dir/auth.db
admin_username = admin
admin_password = $password
authorization_function = mlflow.server.auth:authenticate_request_basic_auth
auth_cache_ttl_seconds = 60
INI
  [ "$mode" = ui ] && app=()
  say "starting MLflow $version on 127.0.0.1:$port"
  # setsid: the server and its worker form their own process group, stopped together below. One
  # worker: MLflow forgets a changed password or admin flag only in the worker that made the change.
  MLFLOW_AUTH_CONFIG_PATH="$dir/auth.ini" \
  MLFLOW_FLASK_SERVER_SECRET_KEY="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')" \
  MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false \
    setsid "$(mlflow_venv "$version")/bin/mlflow" server "${app[@]}" --host 127.0.0.1 --port "$port" \
      --backend-store-uri "sqlite:///$dir/store.db" --artifacts-destination "$dir/artifacts" --workers 1 \
      > "$dir/server.log" 2>&1 &
  pid=$!
  MLFLOW_PIDS+=("$pid")
  until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null || [ $tries -ge 240 ]; then
      cat "$dir/server.log" >&2
      say "MLflow $version did not start"
      return 1
    fi
    tries=$((tries + 1))
    sleep 0.25
  done
  export "${prefix}_URL=http://127.0.0.1:$port" "${prefix}_ADMIN=admin" "${prefix}_PASSWORD=$password"
}

stop_mlflow() {
  local pid
  for pid in "${MLFLOW_PIDS[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  rm -rf "${MLFLOW_DIRS[@]}"
  MLFLOW_PIDS=()
  MLFLOW_DIRS=()
}
