#!/usr/bin/env bash
# Entry point of the MPI image on every node of an AWS Batch multi-node parallel job.
#
#   seisless-mpi-entrypoint <task>
#
# Child nodes generate sshd host keys, connect to the main node's rendezvous port, receive the
# main node's launch public key, start sshd and report "<node index> <ip>"; then they serve ssh
# until the job ends. The main node generates its launch key pair, waits for every child,
# writes a hostfile (main first, so rank 0 - the one that does I/O - runs on the main node) and
# runs  mpirun -n $AWS_BATCH_JOB_NUM_NODES python -m seisless_compute <task>.
# No key is baked into the image. Errors: one line on stderr, exit 2 (bad input) or 1.
set -euo pipefail

readonly SSH_PORT="${SEISLESS_SSH_PORT:-2222}"
readonly RENDEZVOUS_PORT="${SEISLESS_RENDEZVOUS_PORT:-2223}"
readonly TIMEOUT_S="${SEISLESS_RENDEZVOUS_TIMEOUT_S:-600}"
readonly SSH_DIR="${HOME}/.ssh"

fail() { # fail <exit code> <subject> <received> <expected>
  echo "seisless_compute: error: $2: $3; expected $4" >&2
  exit "$1"
}

require_int() { # require_int <variable name> <minimum>
  local value="${!1:-}"
  [[ "${value}" =~ ^[0-9]+$ && "${value}" -ge "$2" ]] ||
    fail 2 "$1" "'${value:-unset}'" "an integer >= $2 (set by AWS Batch for multi-node jobs)"
}

node_ip() { # the address other nodes reach this one at (SEISLESS_NODE_IP overrides)
  local ip="${SEISLESS_NODE_IP:-$(hostname -I | awk '{print $1}')}"
  [[ -n "${ip}" ]] || fail 1 "hostname -I" "no address" "this node's private IPv4 address"
  echo "${ip}"
}

start_sshd() { # non-root sshd on $SSH_PORT, with host keys generated now
  mkdir -p -m 700 "${SSH_DIR}/host"
  ssh-keygen -q -t ed25519 -N '' -f "${SSH_DIR}/host/ssh_host_ed25519_key" <<<y >/dev/null
  cat >"${SSH_DIR}/sshd_config" <<EOF
Port ${SSH_PORT}
HostKey ${SSH_DIR}/host/ssh_host_ed25519_key
AuthorizedKeysFile ${SSH_DIR}/authorized_keys
PidFile ${SSH_DIR}/sshd.pid
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
UsePAM no
PermitRootLogin no
AllowUsers $(id -un)
EOF
  /usr/sbin/sshd -f "${SSH_DIR}/sshd_config" -E "${SSH_DIR}/sshd.log"
  for _ in $(seq 100); do [[ -s "${SSH_DIR}/sshd.pid" ]] && return 0; sleep 0.1; done
  fail 1 "${SSH_DIR}/sshd.log" "$(tail -n 1 "${SSH_DIR}/sshd.log")" "sshd to start"
}

run_child() { # connect to the main node, install its key, start sshd, report, then serve
  local main_ip="${AWS_BATCH_JOB_MAIN_NODE_PRIVATE_IPV4_ADDRESS:-}"
  [[ -n "${main_ip}" ]] || fail 2 AWS_BATCH_JOB_MAIN_NODE_PRIVATE_IPV4_ADDRESS unset \
    "the main node's address (set by AWS Batch on child nodes)"
  mkdir -p -m 700 "${SSH_DIR}"
  python3 - "${main_ip}" "${RENDEZVOUS_PORT}" "${TIMEOUT_S}" "${AWS_BATCH_JOB_NODE_INDEX}" \
    "$(node_ip)" "${SSH_DIR}" <<'PY'
import pathlib, socket, subprocess, sys, time
host, port, timeout, index, ip, ssh_dir = sys.argv[1:]
deadline = time.monotonic() + float(timeout)
while True:  # the main node may not be listening yet
    try:
        link = socket.create_connection((host, int(port)), timeout=10)
        break
    except OSError as error:
        if time.monotonic() > deadline:
            sys.exit(f"seisless_compute: error: rendezvous {host}:{port}: {error}; "
                     f"expected the main node to listen within {timeout} s")
        time.sleep(2)
with link, link.makefile("rw") as stream:
    key = stream.readline().strip()
    path = pathlib.Path(ssh_dir, "authorized_keys")
    path.write_text(key + "\n")
    path.chmod(0o600)
    subprocess.run(["bash", "-c", "source /usr/local/bin/seisless-mpi-entrypoint --functions"
                    " && start_sshd"], check=True)
    stream.write(f"{index} {ip}\n")
    stream.flush()
PY
  echo "seisless_compute: node ${AWS_BATCH_JOB_NODE_INDEX} ($(node_ip)) serving ssh" >&2
  exec tail --pid="$(cat "${SSH_DIR}/sshd.pid")" -f /dev/null
}

gather_children() { # serve the public key, collect "<index> <ip>" from every child, in order
  python3 - "${RENDEZVOUS_PORT}" "${TIMEOUT_S}" "$(($1 - 1))" "${SSH_DIR}/id_ed25519.pub" <<'PY'
import socket, sys, time
port, timeout, children, key_path = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
key = open(key_path).read().strip()
nodes, deadline = {}, time.monotonic() + timeout
with socket.create_server(("0.0.0.0", port)) as server:
    while len(nodes) < children:
        server.settimeout(max(0.1, deadline - time.monotonic()))
        try:
            link, _ = server.accept()
        except TimeoutError:
            sys.exit(f"seisless_compute: error: rendezvous port {port}: {len(nodes)} of "
                     f"{children} child nodes; expected all of them within {timeout:.0f} s")
        with link, link.makefile("rw") as stream:
            stream.write(key + "\n")
            stream.flush()
            link.settimeout(120)
            fields = stream.readline().split()
        if len(fields) == 2 and fields[0].isdigit():
            nodes[int(fields[0])] = fields[1]
for index in sorted(nodes):
    print(nodes[index])
PY
}

run_main() { # wait for the children, then launch one rank per node
  local nodes="$1"; shift
  mkdir -p -m 700 "${SSH_DIR}"
  ssh-keygen -q -t ed25519 -N '' -f "${SSH_DIR}/id_ed25519" <<<y >/dev/null
  local hostfile="${SSH_DIR}/hostfile"
  echo "$(node_ip) slots=1" >"${hostfile}"
  if ((nodes > 1)); then
    gather_children "${nodes}" | sed 's/$/ slots=1/' >>"${hostfile}"
  fi
  local exports=()
  while IFS= read -r name; do exports+=(-x "${name}"); done < <(
    compgen -e | grep -E '^(SEISLESS_|AWS_|OMP_|DEVITO_|PATH$|HOME$|TMPDIR$)')
  export OMPI_MCA_plm_rsh_args="-p ${SSH_PORT} -i ${SSH_DIR}/id_ed25519 \
-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
  # SEISLESS_MPIRUN_ARGS: extra options, e.g. --allow-run-as-root for a local try as root.
  # shellcheck disable=SC2086
  exec mpirun -n "${nodes}" --hostfile "${hostfile}" --map-by ppr:1:node --bind-to none \
    ${SEISLESS_MPIRUN_ARGS:-} "${exports[@]}" python -m seisless_compute "$@"
}

main() {
  [[ $# -ge 1 ]] || fail 2 task "no task" "one of model, observe, gradient, objective, born-norm"
  require_int AWS_BATCH_JOB_NUM_NODES 1
  require_int AWS_BATCH_JOB_NODE_INDEX 0
  require_int AWS_BATCH_JOB_MAIN_NODE_INDEX 0
  if [[ "${AWS_BATCH_JOB_NODE_INDEX}" == "${AWS_BATCH_JOB_MAIN_NODE_INDEX}" ]]; then
    run_main "${AWS_BATCH_JOB_NUM_NODES}" "$@"
  else
    run_child
  fi
}

# "--functions" only defines the functions (the child's rendezvous script reuses start_sshd).
if [[ "${1:-}" != "--functions" ]]; then
  main "$@"
fi
