# Sourced after setup.sh by scripts/test and scripts/mlflow: installs MLflow with its auth extra
# into a project-local virtualenv once, starts `mlflow server --app-name basic-auth` on
# 127.0.0.1 with a fresh SQLite store, waits until it answers, and stops it by its PID.
MLFLOW_VERSION=3.17.2
MLFLOW_VENV="$TOOLS/mlflow-venv"

ensure_mlflow() {
  if [ "$("$MLFLOW_VENV/bin/mlflow" --version 2>/dev/null | awk '{print $NF}')" = "$MLFLOW_VERSION" ]; then
    return
  fi
  say "installing MLflow $MLFLOW_VERSION (with auth) from PyPI into .tools/mlflow-venv"
  if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' 2>/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
  fi
  rm -rf "$MLFLOW_VENV"
  python3 -m venv "$MLFLOW_VENV"
  "$MLFLOW_VENV/bin/pip" install --quiet --disable-pip-version-check "mlflow[auth]==$MLFLOW_VERSION"
}

# Starts the server and exports TENANTRY_MLFLOW_URL, _ADMIN and _PASSWORD for the tests.
start_mlflow() {
  ensure_mlflow
  MLFLOW_DIR="$(mktemp -d)"
  local port password
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  password="admin-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
  # auth_cache_ttl_seconds: otherwise every request pays ~240 ms of password hashing.
  cat > "$MLFLOW_DIR/auth.ini" <<INI
[mlflow]
default_permission = READ
database_uri = sqlite:///$MLFLOW_DIR/auth.db
admin_username = admin
admin_password = $password
authorization_function = mlflow.server.auth:authenticate_request_basic_auth
auth_cache_ttl_seconds = 60
INI
  say "starting MLflow $MLFLOW_VERSION on 127.0.0.1:$port"
  # setsid: the server and its worker form their own process group, stopped together below. One
  # worker: MLflow forgets a changed password or admin flag only in the worker that made the change.
  MLFLOW_AUTH_CONFIG_PATH="$MLFLOW_DIR/auth.ini" \
  MLFLOW_FLASK_SERVER_SECRET_KEY="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')" \
  MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false \
    setsid "$MLFLOW_VENV/bin/mlflow" server --app-name basic-auth --host 127.0.0.1 --port "$port" \
      --backend-store-uri "sqlite:///$MLFLOW_DIR/store.db" --artifacts-destination "$MLFLOW_DIR/artifacts" \
      --workers 1 \
      > "$MLFLOW_DIR/server.log" 2>&1 &
  MLFLOW_PID=$!
  local tries=0
  until curl -sf "http://127.0.0.1:$port/health" >/dev/null; do
    if ! kill -0 "$MLFLOW_PID" 2>/dev/null || [ $tries -ge 240 ]; then
      cat "$MLFLOW_DIR/server.log" >&2
      say "MLflow did not start"
      return 1
    fi
    tries=$((tries + 1))
    sleep 0.25
  done
  export TENANTRY_MLFLOW_URL="http://127.0.0.1:$port" TENANTRY_MLFLOW_ADMIN=admin TENANTRY_MLFLOW_PASSWORD="$password"
}

stop_mlflow() {
  if [ -n "${MLFLOW_PID:-}" ]; then
    kill -TERM -- "-$MLFLOW_PID" 2>/dev/null || true
    wait "$MLFLOW_PID" 2>/dev/null || true
    rm -rf "$MLFLOW_DIR"
    MLFLOW_PID=
  fi
}
