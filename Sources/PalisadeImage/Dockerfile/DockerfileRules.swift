import PalisadeCore

/// Every Dockerfile rule (`DF-*`). CIS Docker Benchmark sections are named in the text (the
/// `cis` framework field holds CIS *Kubernetes* sections); Hadolint rule ids are in references.
public enum DockerfileRules {
    static let category = "Dockerfile"
    private static let image = FrameworkMappings(nist: [.image])

    private static func hadolint(_ id: String) -> String { "https://github.com/hadolint/hadolint/wiki/\(id)" }
    private static let reference = "https://docs.docker.com/reference/dockerfile/"
    private static let practices = "https://docs.docker.com/build/building/best-practices/"

    private static func rule(
        _ id: String, _ severity: Severity, _ title: String, why: String, fix: String, refs: [String] = []
    ) -> RuleMetadata {
        RuleMetadata(
            id: id, title: title, severity: severity, category: category, why: why, remediation: fix,
            frameworks: image, references: refs)
    }

    public static let baseLatest = rule(
        "DF-BASE-LATEST", .medium, "Base image uses the latest tag or no tag",
        why: """
            `FROM image` or `FROM image:latest` builds on whatever the registry serves that day: builds are not \
            reproducible, a compromised or breaking upstream push flows straight in, and scanners cannot say which \
            image you actually shipped. CIS Docker Benchmark 4.2 asks for trusted, known base images.
            """,
        fix: "Pin a specific version tag (`python:3.13-slim`), ideally with its digest (`python:3.13-slim@sha256:…`).",
        refs: [hadolint("DL3006"), hadolint("DL3007"), reference + "#from"])

    public static let baseNotPinned = rule(
        "DF-BASE-NOT-PINNED", .low, "Base image is not pinned by digest",
        why: """
            Tags are mutable: the registry can serve different content under the same tag tomorrow. Only a digest \
            (`@sha256:…`) guarantees the bytes you reviewed and scanned are the bytes you build on (supply-chain \
            integrity, CIS Docker Benchmark 4.2 and 4.5).
            """,
        fix: """
            Append the digest: `FROM python:3.13-slim@sha256:<digest>` (get it with `docker buildx imagetools inspect`), \
            and let a bot such as Renovate or Dependabot update it.
            """,
        refs: [practices + "#pin-base-image-versions"])

    public static let userRoot = rule(
        "DF-USER-ROOT", .medium, "Final stage runs as root",
        why: """
            Without a `USER` instruction (or with `USER root`/`USER 0` last), the container's process runs as \
            UID 0. Any code-execution bug then has root inside the container, can modify the image's files, and is \
            one kernel or runtime flaw away from root on the host (CIS Docker Benchmark 4.1). The base image may set \
            a user of its own; Palisade cannot see it from the Dockerfile, so base images whose tag says `nonroot` \
            are trusted.
            """,
        fix: """
            Create an unprivileged user and switch to it at the end: `RUN useradd --uid 10001 --no-create-home app` \
            then `USER 10001` (a numeric UID lets Kubernetes `runAsNonRoot` verify it).
            """,
        refs: [hadolint("DL3002"), reference + "#user"])

    public static let addInsteadOfCopy = rule(
        "DF-ADD-INSTEAD-OF-COPY", .low, "ADD used where COPY would do",
        why: """
            `ADD` silently extracts local archives and fetches URLs; for plain files it does what `COPY` does but \
            with surprising extra behaviour a reviewer has to rule out (CIS Docker Benchmark 4.9).
            """,
        fix: "Use `COPY` for local files and directories; keep `ADD` only for extracting a local tar archive.",
        refs: [hadolint("DL3020"), reference + "#add"])

    public static let addRemote = rule(
        "DF-ADD-REMOTE", .medium, "ADD downloads a remote URL without a checksum",
        why: """
            `ADD https://…` fetches whatever the server returns at build time, with no integrity check: a \
            compromised or hijacked URL puts arbitrary content into the image (CIS Docker Benchmark 4.9).
            """,
        fix: """
            Add `--checksum=sha256:<hash>` (BuildKit verifies it), or download with `curl -fsSL` in a `RUN` and \
            verify a known checksum or signature before use.
            """,
        refs: [hadolint("DL3020"), reference + "#add---checksum"])

    public static let pipeToShell = rule(
        "DF-PIPE-TO-SHELL", .high, "Remote script piped into a shell",
        why: """
            `curl … | sh` runs whatever the server sends, unverified, as the build user (often root). A \
            compromised host, a DNS hijack or a truncated download becomes code execution in the build and a \
            backdoor in the image.
            """,
        fix: """
            Download to a file, verify its checksum or signature against a value pinned in the Dockerfile, then \
            run it: `curl -fsSLo install.sh URL && echo \"<sha256>  install.sh\" | sha256sum -c - && sh install.sh`. \
            Better, install from a package manager with signed repositories.
            """,
        refs: [practices + "#run"])

    public static let secretInArgEnv = rule(
        "DF-SECRET-IN-ARG-ENV", .high, "Secret in ARG or ENV",
        why: """
            `ENV` values are stored in the image config, and `ARG` values in the build history (`docker history`), \
            so anyone who can pull the image can read them. Credentials committed in a Dockerfile also live \
            forever in source control (CIS Docker Benchmark 4.10).
            """,
        fix: """
            Pass build-time secrets with `RUN --mount=type=secret,id=…` (BuildKit) and runtime secrets through the \
            orchestrator (Kubernetes Secrets, a secret manager). Rotate the exposed credential.
            """,
        refs: ["https://docs.docker.com/build/building/secrets/", reference + "#arg"])

    public static let aptNoRecommends = rule(
        "DF-APT-NO-RECOMMENDS", .low, "apt-get install without --no-install-recommends",
        why: """
            Recommended packages are pulled in by default: more code in the image means more CVEs to patch and \
            more tools for an attacker, and a larger image (CIS Docker Benchmark 4.3: do not install unnecessary \
            packages).
            """,
        fix: "Use `apt-get install -y --no-install-recommends <packages>`.",
        refs: [hadolint("DL3015")])

    public static let aptCache = rule(
        "DF-APT-CACHE", .low, "apt lists not removed after apt-get install",
        why: """
            `apt-get update` downloads package lists into /var/lib/apt/lists; left in the layer they add tens of \
            megabytes and go stale, tempting later layers to install outdated packages.
            """,
        fix: """
            End the same `RUN` with `&& rm -rf /var/lib/apt/lists/*`, or use a BuildKit cache mount \
            (`RUN --mount=type=cache,target=/var/lib/apt …`).
            """,
        refs: [hadolint("DL3009")])

    public static let aptUpdateAlone = rule(
        "DF-APT-UPDATE-ALONE", .low, "Package index update in its own RUN",
        why: """
            A `RUN apt-get update` without an install in the same instruction is cached as its own layer: later \
            builds reuse the stale index and install outdated (vulnerable) versions, or fail (CIS Docker \
            Benchmark 4.7).
            """,
        fix:
            "Combine them: `RUN apt-get update && apt-get install -y --no-install-recommends … && rm -rf /var/lib/apt/lists/*`.",
        refs: [practices + "#apt-get"])

    public static let apkNoCache = rule(
        "DF-APK-NO-CACHE", .low, "apk add without --no-cache",
        why: "`apk add` keeps the package index in /var/cache/apk, adding size and stale metadata to the layer.",
        fix: "Use `apk add --no-cache <packages>` (or remove /var/cache/apk/* in the same RUN).",
        refs: [hadolint("DL3019")])

    public static let pipNoCache = rule(
        "DF-PIP-NO-CACHE", .low, "pip install without --no-cache-dir",
        why: "pip keeps downloaded wheels in ~/.cache/pip, which ends up in the layer: size for nothing.",
        fix: """
            Use `pip install --no-cache-dir …`, set `ENV PIP_NO_CACHE_DIR=1`, or use a cache mount \
            (`RUN --mount=type=cache,target=/root/.cache/pip …`).
            """,
        refs: [hadolint("DL3042")])

    public static let sudo = rule(
        "DF-SUDO", .medium, "sudo used in RUN",
        why: """
            `RUN` already runs as the current `USER`; `sudo` in a Dockerfile means sudo is installed in the image \
            (a privilege-escalation path at run time) and its TTY/PAM behaviour makes builds unpredictable.
            """,
        fix:
            "Switch with `USER root` for the steps that need it and back to the unprivileged user afterwards; uninstall sudo.",
        refs: [hadolint("DL3004")])

    public static let copyAllNoDockerignore = rule(
        "DF-COPY-ALL-NO-DOCKERIGNORE", .medium, "Whole build context copied without a .dockerignore for secrets",
        why: """
            `COPY . .` copies everything in the build context into the image: `.git` history, `.env` files, \
            private keys. Anyone who pulls the image can read them. A `.dockerignore` is the only guard \
            (CIS Docker Benchmark 4.10).
            """,
        fix: """
            Add a `.dockerignore` next to the Dockerfile (or `<Dockerfile>.dockerignore`) excluding at least \
            `.git`, `.env`, `*.pem`, `*.key` and `id_rsa*` (use `**/` to cover subdirectories), or copy only what \
            the build needs (`COPY src/ ./src/`).
            """,
        refs: ["https://docs.docker.com/build/concepts/context/#dockerignore-files"])

    public static let exposeSSH = rule(
        "DF-EXPOSE-SSH", .medium, "SSH port 22 exposed",
        why: """
            An SSH daemon in a container is an extra remote login service with its own credentials to manage and \
            brute-force; containers are reached with `docker exec`/`kubectl exec` instead (CIS Docker Benchmark 5.7).
            """,
        fix: "Remove `EXPOSE 22` and the SSH server; use `docker exec` or `kubectl exec` for debugging.",
        refs: [reference + "#expose"])

    public static let noHealthcheck = rule(
        "DF-NO-HEALTHCHECK", .low, "No HEALTHCHECK in the final stage",
        why: """
            Without a `HEALTHCHECK`, Docker and Swarm only know whether the process exists, not whether it works, \
            and never restart a hung service (CIS Docker Benchmark 4.6). Kubernetes ignores `HEALTHCHECK` and uses \
            probes instead; an explicit `HEALTHCHECK NONE` records that choice and is not reported.
            """,
        fix:
            "Add `HEALTHCHECK CMD <command that fails when the service is unhealthy>`, or `HEALTHCHECK NONE` when probes are defined elsewhere.",
        refs: [reference + "#healthcheck"])

    public static let maintainerDeprecated = rule(
        "DF-MAINTAINER-DEPRECATED", .info, "MAINTAINER is deprecated",
        why: "`MAINTAINER` has been deprecated since Docker 1.13; its value is not exposed as a label tools can read.",
        fix: "Use `LABEL org.opencontainers.image.authors=\"name <email>\"`.",
        refs: [hadolint("DL4000")])

    public static let workdirRelative = rule(
        "DF-WORKDIR-RELATIVE", .low, "WORKDIR is a relative path",
        why:
            "A relative `WORKDIR` depends on every earlier `WORKDIR`, including the base image's; a base image change silently moves files.",
        fix: "Use an absolute path: `WORKDIR /app`.",
        refs: [hadolint("DL3000"), reference + "#workdir"])

    public static let cdInRun = rule(
        "DF-CD-IN-RUN", .info, "cd used in RUN instead of WORKDIR",
        why: "`cd` only lasts for one `RUN`; Dockerfiles that rely on it are hard to read and easy to break.",
        fix: "Use `WORKDIR /path` for the directory later instructions run in (or a subshell for a one-off).",
        refs: [hadolint("DL3003")])

    public static let chmodWorldWritable = rule(
        "DF-CHMOD-777", .medium, "File made world-writable",
        why: """
            `chmod 777` (or `o+w`) lets any user in the container (and any process sharing the volume) replace \
            programs or configuration, turning a low-privilege foothold into control of the service.
            """,
        fix:
            "Grant only what is needed: give files to the service user (`chown app:app`, `COPY --chown`) and use 755/644.",
        refs: [reference + "#copy---chmod"])

    public static let multipleCmd = rule(
        "DF-MULTIPLE-CMD", .low, "More than one CMD in a stage",
        why: "Only the last `CMD` of a stage takes effect; earlier ones are dead code that misleads reviewers.",
        fix: "Keep a single `CMD` per stage.",
        refs: [hadolint("DL4003")])

    public static let multipleEntrypoint = rule(
        "DF-MULTIPLE-ENTRYPOINT", .low, "More than one ENTRYPOINT in a stage",
        why: "Only the last `ENTRYPOINT` of a stage takes effect; earlier ones are dead code that misleads reviewers.",
        fix: "Keep a single `ENTRYPOINT` per stage.",
        refs: [hadolint("DL4004")])

    public static let shellFormEntrypoint = rule(
        "DF-SHELL-FORM-ENTRYPOINT", .low, "ENTRYPOINT or CMD in shell form",
        why: """
            Shell form runs the command under `/bin/sh -c`, which becomes PID 1 and does not forward SIGTERM: \
            the service is killed after the stop timeout instead of shutting down cleanly, and shell-form \
            `ENTRYPOINT` also ignores `CMD` and `docker run` arguments.
            """,
        fix: "Use exec form: `ENTRYPOINT [\"/app/server\", \"--flag\"]` / `CMD [\"nginx\", \"-g\", \"daemon off;\"]`.",
        refs: [hadolint("DL3025"), reference + "#entrypoint"])

    /// Every `DF-*` rule, for `palisade rules`, SARIF descriptors and `--rule` validation.
    public static let all: [RuleMetadata] = [
        baseLatest, baseNotPinned, userRoot, addInsteadOfCopy, addRemote, pipeToShell, secretInArgEnv,
        aptNoRecommends, aptCache, aptUpdateAlone, apkNoCache, pipNoCache, sudo, copyAllNoDockerignore, exposeSSH,
        noHealthcheck, maintainerDeprecated, workdirRelative, cdInRun, chmodWorldWritable, multipleCmd,
        multipleEntrypoint, shellFormEntrypoint,
    ]
}
