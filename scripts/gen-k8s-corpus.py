#!/usr/bin/env python3
"""Generates a deterministic corpus of varied Kubernetes objects for the benchmark.

Standard library only. The same --seed and --objects always produce byte-identical files.

Layout written under OUT:
  files/      ~200 files: multi-document YAML (`app-NNN.yaml`) plus a few `kind: List`
              JSON files (`list-NNN.json`); together they hold exactly --objects objects.
  single/     all.yaml: the same objects again, as one multi-document YAML file.
  corpus.json what was generated: generator version, seed, object counts per kind and per
              directory, input bytes. The benchmark reads the counts from here so that
              objects/s is not self-reported by the scanner under test.

All credential-like values are obviously fake (AWS's documented EXAMPLE keys, strings
containing FAKE / not-a-real / example).
"""

import argparse
import base64
import json
import os
import random
import shutil
import sys

GENERATOR_VERSION = 1

# ---------------------------------------------------------------------------------------
# A small YAML emitter (block style, like kubectl output). Strings with a newline become
# literal `|` blocks; anything a YAML 1.1 reader could take for a non-string is quoted.

_PLAIN_FIRST = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./")
_PLAIN_REST = _PLAIN_FIRST | set("-:@ =+")
_AMBIGUOUS = {
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "",
}


def _looks_numeric(s):
    t = s.replace("_", "")
    for conv in (int, float):
        try:
            conv(t)
            return True
        except ValueError:
            pass
    if t.startswith(("0x", "0o", "0b")) or t.startswith((".inf", ".nan", "-.inf")):
        return True
    return ":" in s and all(p.isdigit() for p in s.split(":"))  # sexagesimal


def _plain_ok(s):
    if s.lower() in _AMBIGUOUS or _looks_numeric(s):
        return False
    if s[0] not in _PLAIN_FIRST or s[-1] in " :":
        return False
    if ": " in s or " #" in s:
        return False
    return all(c in _PLAIN_REST for c in s)


def _scalar(v):
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "null"
    if isinstance(v, (int, float)):
        return str(v)
    if _plain_ok(v):
        return v
    if "'" not in v and "\\" not in v and rnd_quote_style(v) == "single":
        return "'" + v + "'"
    return json.dumps(v)


def rnd_quote_style(v):
    # Deterministic per value: mixes single- and double-quoted scalars.
    return "single" if (sum(map(ord, v)) % 3 == 0) else "double"


def _block(s, indent):
    chomp = "|" if s.endswith("\n") else "|-"
    pad = " " * indent
    lines = s[:-1].split("\n") if s.endswith("\n") else s.split("\n")
    return chomp + "\n" + "\n".join((pad + ln) if ln else "" for ln in lines)


def _emit(v, indent, out):
    pad = " " * indent
    if isinstance(v, dict):
        for k, x in v.items():
            key = _scalar(k)
            if isinstance(x, dict) and x:
                out.append(f"{pad}{key}:")
                _emit(x, indent + 2, out)
            elif isinstance(x, list) and x:
                out.append(f"{pad}{key}:")
                _emit(x, indent, out)  # kubectl style: list items at the key's indent
            elif isinstance(x, dict):
                out.append(f"{pad}{key}: {{}}")
            elif isinstance(x, list):
                out.append(f"{pad}{key}: []")
            elif isinstance(x, str) and "\n" in x:
                out.append(f"{pad}{key}: {_block(x, indent + 2)}")
            else:
                out.append(f"{pad}{key}: {_scalar(x)}")
    elif isinstance(v, list):
        for x in v:
            if isinstance(x, dict) and x:
                sub = []
                _emit(x, indent + 2, sub)
                sub[0] = pad + "- " + sub[0][indent + 2:]
                out.extend(sub)
            elif isinstance(x, list) and x:
                sub = []
                _emit(x, indent + 2, sub)
                sub[0] = pad + "- " + sub[0][indent + 2:]
                out.extend(sub)
            elif isinstance(x, str) and "\n" in x:
                out.append(f"{pad}- {_block(x, indent + 2)}")
            else:
                out.append(f"{pad}- {_scalar(x) if not isinstance(x, (dict, list)) else ('{}' if isinstance(x, dict) else '[]')}")
    else:
        out.append(pad + _scalar(v))


def to_yaml(obj):
    out = []
    _emit(obj, 0, out)
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------
# Object generators.

TEAMS = ["payments", "search", "checkout", "identity", "billing", "ml", "data", "edge", "platform",
         "mobile", "growth", "ads", "ledger", "catalog", "media", "notify", "risk", "support"]
ENVS = ["dev", "staging", "prod", "qa", "sandbox"]
COMPONENTS = ["api", "web", "worker", "db", "cache", "gateway", "scheduler", "indexer", "frontend",
              "backend", "sync", "exporter", "proxy", "auth", "queue", "reporter", "uploader"]
REGISTRIES = ["", "docker.io/library/", "ghcr.io/example-org/", "registry.example.com/team/",
              "quay.io/example/", "123456789012.dkr.ecr.us-east-1.amazonaws.com/", "gcr.io/example-proj/"]
IMAGES = ["nginx", "redis", "postgres", "busybox", "alpine", "python", "node", "golang", "envoy",
          "haproxy", "memcached", "mysql", "rabbitmq", "app", "sidecar", "fluent-bit", "otel-collector"]
CAPS_BAD = ["SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "NET_RAW", "SYS_MODULE", "DAC_READ_SEARCH", "ALL"]
CAPS_OK = ["NET_BIND_SERVICE", "CHOWN", "SETUID", "SETGID"]
HOST_PATHS = ["/var/run/docker.sock", "/", "/etc", "/var/log", "/proc", "/var/lib/kubelet", "/run/containerd/containerd.sock",
              "/data/cache", "/sys", "/home"]
VERBS = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "impersonate",
         "escalate", "bind", "*"]
RESOURCES = ["pods", "pods/exec", "pods/log", "secrets", "configmaps", "services", "deployments",
             "nodes", "nodes/proxy", "serviceaccounts/token", "persistentvolumeclaims", "events",
             "roles", "rolebindings", "clusterroles", "*", "certificatesigningrequests", "jobs", "ingresses"]
API_GROUPS = {"pods": "", "pods/exec": "", "pods/log": "", "secrets": "", "configmaps": "", "services": "",
              "nodes": "", "nodes/proxy": "", "serviceaccounts/token": "", "persistentvolumeclaims": "",
              "events": "", "deployments": "apps", "roles": "rbac.authorization.k8s.io",
              "rolebindings": "rbac.authorization.k8s.io", "clusterroles": "rbac.authorization.k8s.io",
              "*": "*", "certificatesigningrequests": "certificates.k8s.io", "jobs": "batch",
              "ingresses": "networking.k8s.io"}

FAKE_ENV_SECRETS = [
    ("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"),
    ("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    ("DB_PASSWORD", "FAKE-not-a-real-password-{n}"),
    ("POSTGRES_PASSWORD", "example-fake-{n}"),
    ("API_TOKEN", "fake_token_0000000000000000{n}"),
    ("GITHUB_TOKEN", "ghp_FAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE{n:04d}"),
    ("SLACK_WEBHOOK_URL", "https://hooks.example.com/services/FAKE/FAKE/{n}"),
    ("DATABASE_URL", "postgres://app:fake-password-{n}@db.example.internal:5432/app"),
    ("SECRET_KEY", "not-a-real-secret-key-{n}"),
    ("STRIPE_SECRET_KEY", "sk_test_FAKE0000000000000000{n}"),
]
PLAIN_ENV = [("LOG_LEVEL", ["info", "debug", "warn"]), ("PORT", ["8080", "3000", "9090"]),
             ("TZ", ["UTC", "Europe/Paris"]), ("FEATURE_FLAGS", ["a,b,c", "none", "beta"]),
             ("GOMAXPROCS", ["2", "4"]), ("JAVA_OPTS", ["-Xmx512m -Xms128m", "-XX:+UseG1GC"]),
             ("NODE_ENV", ["production", "development"]), ("ENABLE_METRICS", ["true", "false", "yes"])]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.n = 0

    def pick(self, xs):
        return self.r.choice(xs)

    def chance(self, p):
        return self.r.random() < p

    def serial(self):
        self.n += 1
        return self.n

    # -- pod template pieces -----------------------------------------------------------

    def image(self):
        r = self.r
        base = self.pick(REGISTRIES) + self.pick(IMAGES)
        style = r.random()
        if style < 0.12:
            return base  # no tag
        if style < 0.25:
            return base + ":latest"
        if style < 0.40:
            return base + "@sha256:" + "".join(r.choice("0123456789abcdef") for _ in range(64))
        return f"{base}:{r.randint(1, 9)}.{r.randint(0, 30)}.{r.randint(0, 9)}"

    def env(self):
        env = []
        for _ in range(self.r.randint(0, 6)):
            k = self.r.random()
            if k < 0.18:
                name, tpl = self.pick(FAKE_ENV_SECRETS)
                env.append({"name": name, "value": tpl.format(n=self.serial())})
            elif k < 0.55:
                name, vals = self.pick(PLAIN_ENV)
                env.append({"name": name, "value": self.pick(vals)})
            elif k < 0.75:
                env.append({"name": "DB_PASSWORD" if self.chance(0.5) else "API_KEY",
                            "valueFrom": {"secretKeyRef": {"name": f"creds-{self.r.randint(1, 99)}",
                                                           "key": "password"}}})
            elif k < 0.88:
                env.append({"name": "CONFIG_MODE",
                            "valueFrom": {"configMapKeyRef": {"name": "app-config", "key": "mode",
                                                              "optional": True}}})
            else:
                env.append({"name": "POD_NAME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}})
        seen, out = set(), []
        for e in env:
            if e["name"] not in seen:
                seen.add(e["name"])
                out.append(e)
        return out

    def probe(self, port):
        k = self.r.random()
        if k < 0.5:
            p = {"httpGet": {"path": self.pick(["/healthz", "/ready", "/", "/live"]), "port": port}}
        elif k < 0.8:
            p = {"tcpSocket": {"port": port}}
        else:
            p = {"exec": {"command": ["sh", "-c", "test -f /tmp/healthy"]}}
        if self.chance(0.6):
            p["initialDelaySeconds"] = self.r.randint(0, 30)
            p["periodSeconds"] = self.pick([5, 10, 15, 30])
        return p

    def resources(self):
        k = self.r.random()
        req = {"cpu": self.pick(["50m", "100m", "250m", "500m", "1"]),
               "memory": self.pick(["64Mi", "128Mi", "256Mi", "1Gi"])}
        lim = {"cpu": self.pick(["200m", "500m", "1", "2"]), "memory": self.pick(["128Mi", "512Mi", "2Gi"])}
        if k < 0.30:
            return None  # missing entirely
        if k < 0.45:
            return {"requests": req}
        if k < 0.55:
            return {"limits": {"memory": lim["memory"]}}
        if k < 0.60:
            return {}
        return {"requests": req, "limits": lim}

    def container_sc(self):
        k = self.r.random()
        if k < 0.25:
            return None
        if k < 0.55:  # restricted
            sc = {"allowPrivilegeEscalation": False, "runAsNonRoot": True,
                  "capabilities": {"drop": ["ALL"]}, "seccompProfile": {"type": "RuntimeDefault"}}
            if self.chance(0.7):
                sc["readOnlyRootFilesystem"] = True
            if self.chance(0.5):
                sc["runAsUser"] = self.pick([1000, 10001, 65532])
            if self.chance(0.1):
                sc["capabilities"]["add"] = [self.pick(CAPS_OK)]
            return sc
        if k < 0.80:  # baseline-ish, partial
            sc = {}
            if self.chance(0.6):
                sc["allowPrivilegeEscalation"] = self.chance(0.3)
            if self.chance(0.5):
                sc["readOnlyRootFilesystem"] = self.chance(0.5)
            if self.chance(0.4):
                sc["runAsUser"] = self.pick([0, 1000, 100])
            if self.chance(0.3):
                sc["capabilities"] = {"add": [self.pick(CAPS_OK)]}
            return sc
        # dangerous
        sc = {}
        if self.chance(0.5):
            sc["privileged"] = True
        if self.chance(0.5):
            sc["capabilities"] = {"add": self.r.sample(CAPS_BAD, self.r.randint(1, 3))}
        if self.chance(0.4):
            sc["runAsUser"] = 0
        if self.chance(0.3):
            sc["allowPrivilegeEscalation"] = True
        if self.chance(0.2):
            sc["procMount"] = "Unmasked"
        if self.chance(0.2):
            sc["seccompProfile"] = {"type": "Unconfined"}
        if self.chance(0.15):
            sc["seLinuxOptions"] = {"type": "spc_t"}
        return sc

    def container(self, name, volumes):
        port = self.pick([80, 443, 3000, 5432, 6379, 8080, 8443, 9090])
        c = {"name": name, "image": self.image()}
        if self.chance(0.4):
            c["imagePullPolicy"] = self.pick(["Always", "IfNotPresent", "Never"])
        if self.chance(0.3):
            c["command"] = ["/bin/sh", "-c"]
            c["args"] = [self.pick(["exec /app/server", "sleep 3600", "python -m app", "node index.js"])]
        if self.chance(0.8):
            ports = [{"containerPort": port, "name": "http" if port != 5432 else "pg"}]
            if self.chance(0.1):
                ports[0]["hostPort"] = port
            if self.chance(0.2):
                ports.append({"containerPort": 9100, "name": "metrics", "protocol": "TCP"})
            c["ports"] = ports
        env = self.env()
        if env:
            c["env"] = env
        if self.chance(0.15):
            c["envFrom"] = [{"configMapRef": {"name": "app-config"}}]
            if self.chance(0.5):
                c["envFrom"].append({"secretRef": {"name": "app-secrets"}})
        res = self.resources()
        if res is not None:
            c["resources"] = res
        if self.chance(0.6):
            c["livenessProbe"] = self.probe(port)
        if self.chance(0.55):
            c["readinessProbe"] = self.probe(port)
        if self.chance(0.1):
            c["startupProbe"] = self.probe(port)
        if volumes and self.chance(0.8):
            mounts = []
            for v in self.r.sample(volumes, self.r.randint(1, len(volumes))):
                m = {"name": v["name"], "mountPath": "/mnt/" + v["name"]}
                if self.chance(0.3):
                    m["readOnly"] = True
                mounts.append(m)
            c["volumeMounts"] = mounts
        sc = self.container_sc()
        if sc is not None:
            c["securityContext"] = sc
        if self.chance(0.05):
            c["stdin"] = True
            c["tty"] = True
        return c

    def volumes(self):
        vols = []
        for i in range(self.r.randint(0, 4)):
            k = self.r.random()
            name = f"vol-{i}"
            if k < 0.3:
                v = {"name": name, "emptyDir": {} if self.chance(0.6) else {"medium": "Memory", "sizeLimit": "64Mi"}}
            elif k < 0.5:
                v = {"name": name, "configMap": {"name": "app-config"}}
            elif k < 0.65:
                v = {"name": name, "secret": {"secretName": "app-secrets", "defaultMode": self.pick([0o400, 0o644, 0o777])}}
            elif k < 0.78:
                v = {"name": name, "persistentVolumeClaim": {"claimName": f"data-{i}"}}
            elif k < 0.90:
                v = {"name": name, "hostPath": {"path": self.pick(HOST_PATHS)}}
                if self.chance(0.5):
                    v["hostPath"]["type"] = self.pick(["Directory", "Socket", "DirectoryOrCreate", "File"])
            else:
                v = {"name": name, "projected": {"sources": [
                    {"serviceAccountToken": {"path": "token", "expirationSeconds": 3600}},
                    {"configMap": {"name": "app-config"}}]}}
            vols.append(v)
        return vols

    def pod_spec(self, app, sa):
        vols = self.volumes()
        n = self.r.choices([1, 2, 3], weights=[6, 3, 1])[0]
        names = self.r.sample(["app", "sidecar", "proxy", "logger", "metrics", "init-db", "web", "worker"], n)
        spec = {}
        if self.chance(0.7):
            spec["serviceAccountName"] = sa
        if self.chance(0.35):
            spec["automountServiceAccountToken"] = self.chance(0.3)
        if self.chance(0.5):
            psc = {}
            if self.chance(0.6):
                psc["runAsNonRoot"] = self.chance(0.85)
            if self.chance(0.5):
                psc["runAsUser"] = self.pick([0, 1000, 65534])
            if self.chance(0.5):
                psc["fsGroup"] = 2000
            if self.chance(0.5):
                psc["seccompProfile"] = {"type": self.pick(["RuntimeDefault", "RuntimeDefault", "Localhost", "Unconfined"])}
                if psc["seccompProfile"]["type"] == "Localhost":
                    psc["seccompProfile"]["localhostProfile"] = "profiles/audit.json"
            if self.chance(0.08):
                psc["sysctls"] = [{"name": self.pick(["net.ipv4.ip_forward", "kernel.shm_rmid_forced"]), "value": "1"}]
            spec["securityContext"] = psc
        for flag, p in (("hostNetwork", 0.06), ("hostPID", 0.04), ("hostIPC", 0.03)):
            if self.chance(p):
                spec[flag] = True
        if self.chance(0.2):
            spec["initContainers"] = [self.container("init", vols)]
        spec["containers"] = [self.container(nm, vols) for nm in names]
        if vols:
            spec["volumes"] = vols
        if self.chance(0.2):
            spec["nodeSelector"] = {"kubernetes.io/os": "linux"}
        if self.chance(0.15):
            spec["tolerations"] = [{"key": "node-role.kubernetes.io/control-plane", "operator": "Exists",
                                    "effect": "NoSchedule"}]
        if self.chance(0.1):
            spec["affinity"] = {"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
                {"weight": 100, "podAffinityTerm": {"topologyKey": "kubernetes.io/hostname",
                                                    "labelSelector": {"matchLabels": {"app": app}}}}]}}
        if self.chance(0.05):
            spec["shareProcessNamespace"] = True
        if self.chance(0.05):
            spec["priorityClassName"] = "system-node-critical"
        return spec

    def meta(self, name, ns, app, cluster_scoped=False):
        m = {"name": name}
        if not cluster_scoped and self.chance(0.92):
            m["namespace"] = ns
        m["labels"] = {"app": app, "app.kubernetes.io/part-of": ns}
        if self.chance(0.3):
            m["labels"]["tier"] = self.pick(["frontend", "backend", "data"])
        if self.chance(0.25):
            m["annotations"] = {"owner": f"{ns}@example.com", "deployed-by": "ci"}
            if self.chance(0.2):
                m["annotations"]["palisade.dev/ignore"] = "K8S-EXAMPLE: accepted risk in benchmark corpus"
        return m

    def template(self, app, sa):
        return {"metadata": {"labels": {"app": app}}, "spec": self.pod_spec(app, sa)}

    # -- objects ---------------------------------------------------------------------

    def workload(self, ns, app, sa):
        kind = self.r.choices(["Deployment", "StatefulSet", "DaemonSet", "CronJob", "Job", "Pod", "ReplicaSet"],
                              weights=[40, 12, 8, 10, 8, 17, 5])[0]
        name = f"{app}-{self.serial()}"
        if kind == "Pod":
            o = {"apiVersion": "v1", "kind": "Pod", "metadata": self.meta(name, ns, app),
                 "spec": self.pod_spec(app, sa)}
            o["metadata"]["labels"]["app"] = app
            return o
        sel = {"matchLabels": {"app": app}}
        if kind in ("Deployment", "StatefulSet", "ReplicaSet"):
            spec = {"replicas": self.r.randint(1, 6), "selector": sel, "template": self.template(app, sa)}
            if kind == "StatefulSet":
                spec["serviceName"] = app
                if self.chance(0.6):
                    spec["volumeClaimTemplates"] = [{"metadata": {"name": "data"}, "spec": {
                        "accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "10Gi"}}}}]
            if kind == "Deployment" and self.chance(0.4):
                spec["strategy"] = {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1, "maxSurge": "25%"}}
            api = "apps/v1"
        elif kind == "DaemonSet":
            spec = {"selector": sel, "template": self.template(app, sa)}
            api = "apps/v1"
        elif kind == "Job":
            t = self.template(app, sa)
            t["spec"]["restartPolicy"] = self.pick(["Never", "OnFailure"])
            spec = {"backoffLimit": self.r.randint(0, 6), "template": t}
            if self.chance(0.5):
                spec["ttlSecondsAfterFinished"] = 600
            api = "batch/v1"
        else:  # CronJob
            t = self.template(app, sa)
            t["spec"]["restartPolicy"] = "OnFailure"
            spec = {"schedule": self.pick(["*/5 * * * *", "0 3 * * *", "@hourly", "30 1 * * 0"]),
                    "concurrencyPolicy": self.pick(["Forbid", "Allow", "Replace"]),
                    "jobTemplate": {"spec": {"template": t}}}
            api = "batch/v1"
        return {"apiVersion": api, "kind": kind, "metadata": self.meta(name, ns, app), "spec": spec}

    def service(self, ns, app):
        t = self.r.choices(["ClusterIP", "NodePort", "LoadBalancer", "ExternalName", "Headless"],
                           weights=[50, 15, 15, 5, 15])[0]
        spec = {}
        if t == "ExternalName":
            spec = {"type": "ExternalName", "externalName": f"{app}.example.com"}
        else:
            spec["selector"] = {"app": app}
            port = {"name": "http", "port": self.pick([80, 443, 8080]), "targetPort": self.pick([8080, "http"]),
                    "protocol": "TCP"}
            if t == "NodePort":
                spec["type"] = "NodePort"
                if self.chance(0.5):
                    port["nodePort"] = self.r.randint(30000, 32767)
            elif t == "LoadBalancer":
                spec["type"] = "LoadBalancer"
                if self.chance(0.4):
                    spec["loadBalancerSourceRanges"] = [self.pick(["0.0.0.0/0", "10.0.0.0/8", "203.0.113.0/24"])]
                if self.chance(0.3):
                    spec["externalTrafficPolicy"] = "Local"
            elif t == "Headless":
                spec["clusterIP"] = "None"
            elif self.chance(0.5):
                spec["type"] = "ClusterIP"
            spec["ports"] = [port]
            if self.chance(0.05):
                spec["externalIPs"] = ["198.51.100.10"]
        return {"apiVersion": "v1", "kind": "Service", "metadata": self.meta(app, ns, app), "spec": spec}

    def ingress(self, ns, app):
        host = f"{app}.{ns}.example.com"
        spec = {}
        if self.chance(0.7):
            spec["ingressClassName"] = "nginx"
        if self.chance(0.55):
            spec["tls"] = [{"hosts": [host], "secretName": f"{app}-tls"}]
        path = {"path": "/", "pathType": self.pick(["Prefix", "Exact", "ImplementationSpecific"]),
                "backend": {"service": {"name": app, "port": {"number": 80}}}}
        rule = {"http": {"paths": [path]}}
        if self.chance(0.85):
            rule = {"host": host if self.chance(0.95) else "*.example.com", **rule}
        spec["rules"] = [rule]
        o = {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": self.meta(app, ns, app),
             "spec": spec}
        if self.chance(0.2):
            o["metadata"].setdefault("annotations", {})["nginx.ingress.kubernetes.io/server-snippet"] = (
                "location /admin {\n  allow 10.0.0.0/8;\n  deny all;\n}\n")
        return o

    def configmap(self, ns, app):
        data = {"mode": self.pick(["fast", "safe", "debug"])}
        if self.chance(0.8):
            data["app.properties"] = "".join(
                f"{k}={v}\n" for k, v in [("server.port", 8080), ("log.level", self.pick(["INFO", "DEBUG"])),
                                           ("cache.ttl", self.r.randint(10, 600)), ("feature.x", "enabled")])
        if self.chance(0.5):
            data["nginx.conf"] = ("server {\n  listen 8080;\n  location / {\n    proxy_pass http://127.0.0.1:3000;\n"
                                  "  }\n}\n")
        if self.chance(0.2):
            data["settings.yaml"] = (f"database:\n  host: db.{ns}.svc\n  user: app\n"
                                     f"  password: FAKE-example-{self.serial()}\n")
        if self.chance(0.3):
            data["script.sh"] = "#!/bin/sh\nset -eu\necho starting\nexec \"$@\"\n"
        return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": self.meta(f"{app}-config", ns, app), "data": data}

    def secret(self, ns, app):
        t = self.r.random()
        m = self.meta(f"{app}-secrets", ns, app)
        if t < 0.2:
            crt = base64.b64encode(b"FAKE CERTIFICATE FOR BENCHMARK\n").decode()
            return {"apiVersion": "v1", "kind": "Secret", "metadata": m, "type": "kubernetes.io/tls",
                    "data": {"tls.crt": crt, "tls.key": base64.b64encode(b"FAKE KEY NOT REAL\n").decode()}}
        if t < 0.35:
            cfg = json.dumps({"auths": {"registry.example.com": {"auth": base64.b64encode(
                b"user:fake-password").decode()}}})
            return {"apiVersion": "v1", "kind": "Secret", "metadata": m, "type": "kubernetes.io/dockerconfigjson",
                    "data": {".dockerconfigjson": base64.b64encode(cfg.encode()).decode()}}
        o = {"apiVersion": "v1", "kind": "Secret", "metadata": m, "type": "Opaque"}
        if self.chance(0.5):
            o["stringData"] = {"password": f"FAKE-not-real-{self.serial()}", "username": "app"}
        else:
            o["data"] = {"password": base64.b64encode(f"fake-password-{self.serial()}".encode()).decode()}
        return o

    def rules(self, cluster):
        rules = []
        for _ in range(self.r.randint(1, 4)):
            k = self.r.random()
            if k < 0.12:
                rules.append({"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]})
                continue
            res = self.r.sample(RESOURCES, self.r.randint(1, 3))
            groups = sorted({API_GROUPS[x] for x in res})
            verbs = (self.r.sample(VERBS, self.r.randint(1, 4)) if k < 0.5
                     else self.pick([["get", "list", "watch"], ["get"], ["list", "watch"]]))
            rules.append({"apiGroups": groups, "resources": res, "verbs": verbs})
        if cluster and self.chance(0.1):
            rules.append({"nonResourceURLs": ["/metrics", "/healthz"], "verbs": ["get"]})
        return rules

    def rbac(self, ns, app, sa):
        out = []
        cluster = self.chance(0.35)
        role_kind = "ClusterRole" if cluster else "Role"
        rname = f"{app}-{role_kind.lower()}-{self.serial()}"
        out.append({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": role_kind,
                    "metadata": self.meta(rname, ns, app, cluster_scoped=cluster), "rules": self.rules(cluster)})
        if self.chance(0.85):
            binding_cluster = cluster and self.chance(0.7)
            bkind = "ClusterRoleBinding" if binding_cluster else "RoleBinding"
            subj = self.r.random()
            if subj < 0.7:
                subjects = [{"kind": "ServiceAccount", "name": sa, "namespace": ns}]
            elif subj < 0.8:
                subjects = [{"kind": "Group", "name": self.pick(["system:authenticated", "system:unauthenticated",
                                                                  "system:serviceaccounts"]),
                             "apiGroup": "rbac.authorization.k8s.io"}]
            elif subj < 0.9:
                subjects = [{"kind": "User", "name": "system:anonymous", "apiGroup": "rbac.authorization.k8s.io"}]
            else:
                subjects = [{"kind": "ServiceAccount", "name": "default", "namespace": ns}]
            role_ref_name = rname if self.chance(0.85) else self.pick(["cluster-admin", "admin", "edit", "view"])
            ref_kind = role_kind if role_ref_name == rname else "ClusterRole"
            out.append({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": bkind,
                        "metadata": self.meta(f"{rname}-binding", ns, app, cluster_scoped=binding_cluster),
                        "subjects": subjects,
                        "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": ref_kind, "name": role_ref_name}})
        return out

    def netpol(self, ns, app):
        k = self.r.random()
        spec = {"podSelector": {} if k < 0.4 else {"matchLabels": {"app": app}}}
        if k < 0.25:
            spec["policyTypes"] = ["Ingress", "Egress"]  # default deny all
        elif k < 0.5:
            spec["policyTypes"] = ["Ingress"]
            spec["ingress"] = [{}]  # allow all ingress
        else:
            spec["policyTypes"] = ["Ingress"] + (["Egress"] if self.chance(0.5) else [])
            spec["ingress"] = [{"from": [{"podSelector": {"matchLabels": {"app": "frontend"}}},
                                         {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": ns}}}],
                                "ports": [{"protocol": "TCP", "port": 8080}]}]
            if "Egress" in spec["policyTypes"]:
                spec["egress"] = [{"to": [{"ipBlock": {"cidr": "0.0.0.0/0", "except": ["169.254.169.254/32"]}}]}]
        return {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                "metadata": self.meta(f"{app}-netpol", ns, app), "spec": spec}

    def service_account(self, ns, app, sa):
        o = {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": self.meta(sa, ns, app)}
        if self.chance(0.4):
            o["automountServiceAccountToken"] = self.chance(0.3)
        if self.chance(0.1):
            o["imagePullSecrets"] = [{"name": "regcred"}]
        return o

    def namespace(self, ns):
        m = {"name": ns, "labels": {"kubernetes.io/metadata.name": ns}}
        k = self.r.random()
        if k < 0.6:
            lvl = self.pick(["privileged", "baseline", "restricted"])
            m["labels"]["pod-security.kubernetes.io/enforce"] = lvl
            if self.chance(0.5):
                m["labels"]["pod-security.kubernetes.io/enforce-version"] = self.pick(["latest", "v1.29"])
            if self.chance(0.4):
                m["labels"]["pod-security.kubernetes.io/warn"] = "restricted"
        return {"apiVersion": "v1", "kind": "Namespace", "metadata": m}

    def extra(self, ns, app):
        if self.chance(0.5):
            return {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": self.meta(f"{app}-pdb", ns, app),
                    "spec": {"minAvailable": 1, "selector": {"matchLabels": {"app": app}}}}
        return {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
                "metadata": self.meta(f"{app}-hpa", ns, app),
                "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": app},
                         "minReplicas": 1, "maxReplicas": 10,
                         "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {
                             "type": "Utilization", "averageUtilization": 70}}}]}}

    def bundle(self, ns, new_ns):
        """One application: a few workloads and their supporting objects."""
        app = f"{self.pick(COMPONENTS)}-{self.serial()}"
        sa = f"{app}-sa" if self.chance(0.8) else "default"
        objs = []
        if new_ns:
            objs.append(self.namespace(ns))
        if sa != "default":
            objs.append(self.service_account(ns, app, sa))
        if self.chance(0.8):
            objs.append(self.configmap(ns, app))
        if self.chance(0.5):
            objs.append(self.secret(ns, app))
        for _ in range(self.r.choices([1, 2, 3], weights=[5, 3, 2])[0]):
            objs.append(self.workload(ns, app, sa))
        if self.chance(0.75):
            objs.append(self.service(ns, app))
        if self.chance(0.3):
            objs.append(self.ingress(ns, app))
        if self.chance(0.55):
            objs.extend(self.rbac(ns, app, sa))
        if self.chance(0.35):
            objs.append(self.netpol(ns, app))
        if self.chance(0.15):
            objs.append(self.extra(ns, app))
        return objs


def generate(seed, total):
    g = Gen(seed)
    objs = []
    namespaces = []
    while len(objs) < total:
        new_ns = not namespaces or g.chance(0.06)
        if new_ns:
            namespaces.append(f"{g.pick(TEAMS)}-{g.pick(ENVS)}-{len(namespaces)}")
        ns = namespaces[-1] if g.chance(0.8) else g.pick(namespaces)
        objs.extend(g.bundle(ns, new_ns and ns == namespaces[-1]))
    return g, objs[:total]


def split_sizes(r, total, files):
    weights = [r.uniform(0.3, 1.7) for _ in range(files)]
    s = sum(weights)
    sizes = [max(1, int(total * w / s)) for w in weights]
    sizes[-1] += total - sum(sizes)
    return sizes


def write_corpus(out, seed, total, files, list_files):
    g, objs = generate(seed, total)
    tmp = out.rstrip("/") + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(os.path.join(tmp, "files"))
    os.makedirs(os.path.join(tmp, "single"))
    sizes = split_sizes(g.r, total, files)
    list_idx = {int((i + 1) * files / (list_files + 1)) for i in range(list_files)}
    kinds, pos, stats = {}, 0, {"files": {"files": 0, "objects": 0, "bytes": 0, "yaml_files": 0, "json_list_files": 0},
                                 "single": {"files": 1, "objects": 0, "bytes": 0}}
    for o in objs:
        kinds[o["kind"]] = kinds.get(o["kind"], 0) + 1
    big = []
    for i, n in enumerate(sizes):
        chunk = objs[pos:pos + n]
        pos += n
        if i in list_idx:
            name = f"list-{i:03d}.json"
            text = json.dumps({"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""},
                               "items": chunk}, indent=2) + "\n"
            stats["files"]["json_list_files"] += 1
        else:
            name = f"app-{i:03d}.yaml"
            parts = [f"# generated by scripts/gen-k8s-corpus.py seed={seed} part {i}\n"]
            for j, o in enumerate(chunk):
                y = to_yaml(o)
                if j > 0 or i % 3 == 0:
                    parts.append("---\n")
                parts.append(y)
            text = "".join(parts)
            stats["files"]["yaml_files"] += 1
        data = text.encode()
        with open(os.path.join(tmp, "files", name), "wb") as f:
            f.write(data)
        stats["files"]["files"] += 1
        stats["files"]["objects"] += len(chunk)
        stats["files"]["bytes"] += len(data)
        big.extend(to_yaml(o) for o in chunk)
    data = ("---\n".join(big)).encode()
    with open(os.path.join(tmp, "single", "all.yaml"), "wb") as f:
        f.write(data)
    stats["single"]["objects"] = len(objs)
    stats["single"]["bytes"] = len(data)
    meta = {"generator_version": GENERATOR_VERSION, "seed": seed, "objects": total, "file_count": files,
            "list_files": list_files, "kinds": dict(sorted(kinds.items())), "corpora": stats}
    with open(os.path.join(tmp, "corpus.json"), "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
    shutil.rmtree(out, ignore_errors=True)
    os.replace(tmp, out)
    return meta


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output directory (replaced)")
    ap.add_argument("--seed", type=int, default=20251123)
    ap.add_argument("--objects", type=int, default=20000)
    ap.add_argument("--files", type=int, default=200)
    ap.add_argument("--list-files", type=int, default=4, help="how many of the files are `kind: List` JSON")
    a = ap.parse_args()
    meta = write_corpus(a.out, a.seed, a.objects, a.files, a.list_files)
    c = meta["corpora"]
    print(f"wrote {a.out}: {meta['objects']} objects; files/: {c['files']['files']} files, "
          f"{c['files']['bytes'] / 1e6:.1f} MB; single/all.yaml: {c['single']['bytes'] / 1e6:.1f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
