import PalisadeCore

extension ImageHygieneRules {
    /// INFO: most distributions ship a handful (su, passwd, mount); the list is for review, not alarm.
    public static let setuid = RuleMetadata(
        id: "IMG-SETUID", title: "setuid/setgid executable in the image", severity: .info, category: filesCategory,
        why: "A setuid or setgid executable runs with its owner's (usually root's) rights whatever user starts "
            + "it: each one is a local privilege-escalation path if it has a bug, and most are unused in containers.",
        remediation: "Remove the bits you do not need in the Dockerfile (`RUN find / -xdev -perm /6000 -type f "
            + "-exec chmod a-s {} +`), and run with `allowPrivilegeEscalation: false` / `no-new-privileges`.",
        frameworks: FrameworkMappings(cis: ["4.8"], mitre: ["T1548.001"], nist: [.image]),
        references: [cisDocker, dockle + " (CIS-DI-0008)"])

    /// MEDIUM: lets any process tamper with code or configuration other users execute.
    public static let worldWritable = RuleMetadata(
        id: "IMG-WORLD-WRITABLE", title: "World-writable path outside temporary directories", severity: .medium,
        category: filesCategory,
        why: "A world-writable file or non-sticky directory can be changed by any user in the container: a "
            + "compromised low-privilege process can replace binaries, scripts or configuration that root or the "
            + "application later runs. /tmp, /var/tmp, /dev/shm and sticky directories are not reported.",
        remediation: "Fix the mode in the Dockerfile (`chmod o-w`, or `COPY --chmod=0755`), give write access only "
            + "to the application user, and prefer a read-only root filesystem with explicit writable volumes.",
        frameworks: FrameworkMappings(mitre: ["T1574"], nist: [.image]),
        references: [cisDocker])

    /// MEDIUM: see IMG-SSH-PORT.
    public static let sshd = RuleMetadata(
        id: "IMG-SSHD", title: "SSH server installed in the image", severity: .medium, category: filesCategory,
        why: "An SSH daemon in a container is a second login surface with its own keys and passwords, outside the "
            + "orchestrator's access control and audit logs, and usually shares host keys across all replicas.",
        remediation: "Remove openssh-server (and any baked host keys); use `kubectl exec` / `docker exec` for access.",
        frameworks: FrameworkMappings(cis: ["5.6"], mitre: ["T1021.004"], nist: [.image, .container]),
        references: [cisDocker])

    /// LOW: not a vulnerability by itself, but everything an intruder uses after a foothold.
    public static let notMinimal = RuleMetadata(
        id: "IMG-NOT-MINIMAL", title: "Image is not minimal", severity: .low, category: filesCategory,
        why: "Shells, package managers, download tools and compilers are what an intruder needs after exploiting the "
            + "application (living off the land), and each is more packages to patch. Distroless and scratch images "
            + "ship none of them. The score is 100 minus 25 for each of the four kinds present.",
        remediation: "Use a multi-stage build and copy only the application into a distroless, scratch or "
            + "`-slim` runtime image; otherwise remove the listed tools in the final stage.",
        frameworks: FrameworkMappings(cis: ["4.3"], mitre: ["T1059.004", "T1105"], nist: [.image]),
        references: [cisDocker, "https://github.com/GoogleContainerTools/distroless"])

    /// LOW: size and stale indexes, even when a later layer deletes them.
    public static let packageCache = RuleMetadata(
        id: "IMG-PKG-CACHE", title: "Package-manager cache left in a layer", severity: .low, category: filesCategory,
        why: "Package indexes and downloaded packages (apt lists, apk/yum/dnf caches, pip/npm/yarn caches) add "
            + "size to every pull and a stale snapshot of repository state; deleting them in a later layer does not "
            + "help, the bytes stay in the earlier layer.",
        remediation: "Clean in the same RUN that creates the cache: `rm -rf /var/lib/apt/lists/*`, `apk add "
            + "--no-cache`, `dnf clean all`, `pip install --no-cache-dir`, `npm ci && npm cache clean --force`, or "
            + "use BuildKit cache mounts (`RUN --mount=type=cache,target=/var/cache/apt …`).",
        frameworks: FrameworkMappings(nist: [.image]),
        references: [dockle + " (DKL-DI-0004, DKL-DI-0005)", dockerfileBestPractices + "#apt-get"])

    /// HIGH: a private key in a layer is readable by everyone who can pull, even if a later layer deleted it.
    public static let privateKeyFile = RuleMetadata(
        id: "IMG-PRIVATE-KEY-FILE", title: "Private key file in the image", severity: .high, category: filesCategory,
        why: "Every layer is downloaded with the image: a private key in any layer (even one deleted later) can be "
            + "extracted by anyone with pull access and used to impersonate the service or decrypt its traffic. "
            + "Public CA certificates and PEM files without a PRIVATE KEY header are not reported.",
        remediation:
            "Remove the key from the build context and all layers (multi-stage build or `--mount=type=secret`), "
            + "mount it at run time from a secret store, and revoke/rotate the exposed key.",
        frameworks: FrameworkMappings(cis: ["4.10"], mitre: ["T1552.004"], nist: [.image]),
        references: [cisDocker, dockle + " (CIS-DI-0010)"])

    /// MEDIUM: name-based; the file is a credential store by convention, contents are not checked.
    public static let credentialFile = RuleMetadata(
        id: "IMG-CREDENTIAL-FILE", title: "Credential file in the image", severity: .medium, category: filesCategory,
        why: "Files such as .git-credentials, .netrc, .pgpass, .aws/credentials, .docker/config.json and "
            + ".kube/config hold login credentials by convention; baked into a layer they ship to everyone who pulls.",
        remediation:
            "Keep credentials out of the image (build secrets with `--mount=type=secret`, runtime secrets from "
            + "a secret store) and rotate any that were shipped.",
        frameworks: FrameworkMappings(cis: ["4.10"], mitre: ["T1552.001"], nist: [.image]),
        references: [cisDocker, dockle + " (CIS-DI-0010)"])

    /// MEDIUM: source history can hold credentials and unreleased code.
    public static let gitDirectory = RuleMetadata(
        id: "IMG-GIT-DIR", title: ".git directory in the image", severity: .medium, category: filesCategory,
        why: "A .git directory ships the repository's whole history: removed secrets, internal URLs, and credentials "
            + "in .git/config remotes, all recoverable with ordinary git commands.",
        remediation: "Add `.git` to .dockerignore (and copy only what the image needs); rotate any secret ever "
            + "committed to the repository.",
        frameworks: FrameworkMappings(cis: ["4.10"], mitre: ["T1552.001"], nist: [.image]),
        references: [dockle + " (DKL-LI-0003)"])

    /// INFO: clutter and occasionally leaks (shell history).
    public static let unnecessaryFiles = RuleMetadata(
        id: "IMG-UNNECESSARY-FILES", title: "Unnecessary files in the image", severity: .info, category: filesCategory,
        why: "Editor and OS artefacts (.DS_Store, .idea, .vscode), build files (Dockerfile, docker-compose.yml), "
            + "caches and shell histories add size and can leak paths, commands or secrets typed at a prompt. "
            + "Files inside node_modules, vendor and site-packages are not reported (not under the builder's control).",
        remediation: "List them in .dockerignore and copy only the build output into the final stage.",
        frameworks: FrameworkMappings(nist: [.image]),
        references: [dockle + " (DKL-LI-0003)"])

    /// LOW: wasted bytes on every pull; not an exploit.
    public static let largeLayerLeftovers = RuleMetadata(
        id: "IMG-LARGE-LAYER-LEFTOVERS", title: "Layer carries large build leftovers", severity: .low,
        category: filesCategory,
        why: "Files deleted or replaced by a later layer, temporary files, package caches and .git data are still "
            + "downloaded and stored with every pull of the image; large amounts slow deployments and hide fossils.",
        remediation: "Create and delete build artefacts in the same RUN, or build in a separate stage and copy only "
            + "the result into the final image.",
        frameworks: FrameworkMappings(nist: [.image]),
        references: ["https://github.com/wagoodman/dive", dockerfileBestPractices + "#use-multi-stage-builds"])
}
