#!/usr/bin/env python3
"""Generates one deterministic multi-document YAML file that looks like a dump of a real cluster,
for the cluster-scale benchmark (`scripts/bench --cluster`, `palisade bench-cluster`).

Standard library only. The same arguments always produce a byte-identical file.

What is in it, for --pods N (replicas of Deployments and StatefulSets, DaemonSet pods on every
node and bare Pods together are exactly N pods):
  - Namespaces with team/env labels, some with pod-security.kubernetes.io/enforce;
  - Deployments, StatefulSets, DaemonSets (kube-system, monitoring) and bare Pods with
    spec.nodeName and status.podIP; container ports with names; a few privileged, hostPath and
    hostPID containers; most workloads with their own ServiceAccount;
  - Services (ClusterIP, NodePort, LoadBalancer), Ingresses for frontends;
  - ServiceAccounts, Secrets (Opaque, TLS, kubernetes.io/service-account-token);
  - --netpols NetworkPolicies: default-deny per namespace, pod/namespace selector peers (with
    matchExpressions), ipBlock with except, named ports, endPort ranges, egress rules;
  - Roles and ClusterRoles (some aggregated into others), and --bindings RoleBindings and
    ClusterRoleBindings: many to the built-in edit/view/admin, a few dangerous (secrets list,
    pods/exec, bind, impersonate, nodes/proxy, webhook configurations, persistentvolumes).

Usage: scripts/gen-k8s-cluster.py --pods 10000 [--netpols 2000] [--bindings 5000] [--seed 1] --out FILE
Defaults: --netpols = pods * 0.2, --bindings = pods * 0.5, --bare-fraction 0.1 (1.0: every pod a
bare Pod, the worst case for NetworkPolicy analysis, which sees each Pod as its own endpoint). Prints a JSON summary (counts per kind).
"""

import argparse
import importlib.util
import json
import os
import random
import sys

GENERATOR_VERSION = 1

sys.dont_write_bytecode = True  # importing the corpus generator must leave no __pycache__ in scripts/
_here = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("gen_k8s_corpus", os.path.join(_here, "gen-k8s-corpus.py"))
_corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_corpus)
to_yaml = _corpus.to_yaml  # the corpus generator's block-style emitter (kubectl-like output)

TEAMS = ["payments", "search", "checkout", "identity", "billing", "ml", "data", "edge", "platform",
         "mobile", "growth", "ads", "ledger", "catalog", "media", "notify", "risk", "support"]
ENVS = ["dev", "staging", "prod", "qa"]
TIERS = ["frontend", "backend", "worker", "db", "cache"]
IMAGES = {"frontend": "nginx:1.27", "backend": "ghcr.io/acme/api:2.4.1", "worker": "ghcr.io/acme/worker:1.9",
          "db": "postgres:16.4", "cache": "redis:7.4"}
PORTS = {"frontend": [("http", 8080), ("metrics", 9090)], "backend": [("grpc", 9000), ("http", 8080),
         ("metrics", 9090)], "worker": [("metrics", 9090)], "db": [("postgres", 5432)], "cache": [("redis", 6379)]}
USERS = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory",
         "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter"]
GROUPS = ["devs", "sre", "oncall", "data-eng", "ml-eng", "auditors", "release", "qa"]


class Cluster:
    def __init__(self, a):
        self.r = random.Random(a.seed)
        self.a = a
        self.docs = []
        self.counts = {}
        self.pods = 0
        self.nodes = ["node-%03d" % i for i in range(max(3, a.pods // 100))]
        self.namespaces = []  # (name, team, env)
        self.apps = {}  # namespace -> [(app, tier, sa)]
        self.accounts = {}  # namespace -> [sa names]
        self.ip = 0

    def add(self, obj):
        self.docs.append(obj)
        self.counts[obj["kind"]] = self.counts.get(obj["kind"], 0) + 1

    def pod_ip(self):
        self.ip += 1
        return "10.%d.%d.%d" % (64 + (self.ip >> 16) % 64, (self.ip >> 8) & 255, self.ip & 255)

    # -- namespaces -------------------------------------------------------------------------

    def make_namespaces(self):
        r = self.r
        system = [("kube-system", "platform", "prod"), ("monitoring", "platform", "prod"),
                  ("ingress-nginx", "edge", "prod")]
        count = max(4, self.a.pods // 50)
        names = list(system)
        for i in range(count):
            team, env = r.choice(TEAMS), r.choice(ENVS)
            names.append(("%s-%s-%d" % (team, env, i), team, env))
        for name, team, env in names:
            labels = {"kubernetes.io/metadata.name": name, "team": team, "env": env}
            if name not in ("kube-system", "monitoring") and r.random() < 0.35:
                labels["pod-security.kubernetes.io/enforce"] = r.choice(["restricted", "baseline", "privileged"])
            self.add({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name, "labels": labels}})
            self.namespaces.append((name, team, env))
            self.apps[name] = []
            self.accounts[name] = ["default"]

    # -- workloads --------------------------------------------------------------------------

    def container(self, app, tier, risky):
        r = self.r
        c = {"name": app, "image": IMAGES[tier],
             "ports": [{"name": n, "containerPort": p, "protocol": "TCP"} for n, p in PORTS[tier]],
             "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"memory": "512Mi"}}}
        if risky == "privileged":
            c["securityContext"] = {"privileged": True}
        elif r.random() < 0.6:
            c["securityContext"] = {"runAsNonRoot": True, "allowPrivilegeEscalation": False,
                                    "readOnlyRootFilesystem": True, "capabilities": {"drop": ["ALL"]}}
        return c

    def pod_spec(self, app, tier, sa, risky):
        spec = {"serviceAccountName": sa, "containers": [self.container(app, tier, risky)]}
        if risky == "hostPath":
            spec["volumes"] = [{"name": "host", "hostPath": {"path": "/var/run/docker.sock"}}]
            spec["containers"][0]["volumeMounts"] = [{"name": "host", "mountPath": "/var/run/docker.sock"}]
        elif risky == "hostPID":
            spec["hostPID"] = True
        return spec

    def risky(self):
        x = self.r.random()
        return "privileged" if x < 0.02 else "hostPath" if x < 0.04 else "hostPID" if x < 0.05 else None

    def service_account(self, ns, app):
        sa = app + "-sa"
        self.accounts[ns].append(sa)
        self.add({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": sa, "namespace": ns}})
        if self.r.random() < 0.15:
            self.add({"apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/service-account-token",
                      "metadata": {"name": sa + "-token", "namespace": ns,
                                   "annotations": {"kubernetes.io/service-account.name": sa}}})
        return sa

    def make_daemonsets(self):
        for ns, name in [("kube-system", "kube-proxy"), ("kube-system", "cni-agent"), ("monitoring", "node-exporter")]:
            sa = self.service_account(ns, name)
            labels = {"app": name, "tier": "worker"}
            spec = self.pod_spec(name, "worker", sa, "hostPath" if name != "node-exporter" else "hostPID")
            spec["hostNetwork"] = name != "node-exporter"
            self.add({"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": name, "namespace": ns},
                      "spec": {"selector": {"matchLabels": {"app": name}},
                               "template": {"metadata": {"labels": labels}, "spec": spec}}})
            self.apps[ns].append((name, "worker", sa))
            self.pods += len(self.nodes)

    def make_workloads(self):
        r = self.r
        target = self.a.pods
        bare = int(target * self.a.bare_fraction)
        user = [n for n, _, _ in self.namespaces if n not in ("kube-system", "monitoring")]
        i = 0
        while self.pods < target - bare:
            ns = r.choice(user)
            tier = r.choice(TIERS)
            app = "%s-%d" % (tier, i)
            i += 1
            sa = self.service_account(ns, app) if r.random() < 0.7 else "default"
            stateful = tier in ("db", "cache") and r.random() < 0.7
            replicas = min(r.randint(1, 5) if stateful else r.randint(1, 8), target - bare - self.pods)
            labels = {"app": app, "tier": tier, "version": "v%d" % r.randint(1, 3)}
            if r.random() < 0.3:
                labels["exposure"] = r.choice(["public", "internal"])
            spec = {"replicas": replicas, "selector": {"matchLabels": {"app": app}},
                    "template": {"metadata": {"labels": labels}, "spec": self.pod_spec(app, tier, sa, self.risky())}}
            if stateful:
                spec["serviceName"] = app
            self.add({"apiVersion": "apps/v1", "kind": "StatefulSet" if stateful else "Deployment",
                      "metadata": {"name": app, "namespace": ns, "labels": {"app": app}}, "spec": spec})
            self.apps[ns].append((app, tier, sa))
            self.pods += replicas
            self.service(ns, app, tier)
        while self.pods < target:
            ns = r.choice(user)
            tier = r.choice(TIERS)
            app = "%s-%d" % (tier, i)
            i += 1
            sa = r.choice(self.accounts[ns])
            self.add({"apiVersion": "v1", "kind": "Pod",
                      "metadata": {"name": app, "namespace": ns, "labels": {"app": app, "tier": tier}},
                      "spec": dict(self.pod_spec(app, tier, sa, self.risky()), nodeName=r.choice(self.nodes)),
                      "status": {"phase": "Running", "podIP": self.pod_ip()}})
            self.apps[ns].append((app, tier, sa))
            self.pods += 1

    def service(self, ns, app, tier):
        r = self.r
        x = r.random()
        kind = "ClusterIP" if x < 0.7 or tier in ("db", "cache") else "NodePort" if x < 0.9 else "LoadBalancer"
        name, port = PORTS[tier][0]
        self.add({"apiVersion": "v1", "kind": "Service", "metadata": {"name": app, "namespace": ns},
                  "spec": {"type": kind, "selector": {"app": app},
                           "ports": [{"name": name, "port": 80 if name == "http" else port, "targetPort": name}]}})
        if tier == "frontend" and r.random() < 0.5:
            self.add({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": app, "namespace": ns},
                      "spec": {"ingressClassName": "nginx", "rules": [{"host": "%s.%s.example.com" % (app, ns), "http": {
                          "paths": [{"path": "/", "pathType": "Prefix", "backend": {
                              "service": {"name": app, "port": {"number": 80}}}}]}}]}})

    def make_secrets(self):
        for ns, _, _ in self.namespaces:
            self.add({"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
                      "metadata": {"name": "app-config", "namespace": ns},
                      "data": {"DATABASE_URL": "cG9zdGdyZXM6Ly9leGFtcGxlLm5vdC1hLXJlYWwtaG9zdA=="}})
            if self.r.random() < 0.3:
                self.add({"apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/tls",
                          "metadata": {"name": "tls-example", "namespace": ns},
                          "data": {"tls.crt": "RkFLRQ==", "tls.key": "RkFLRQ=="}})

    # -- network policies -------------------------------------------------------------------

    def netpol(self, ns, name, spec):
        self.add({"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy",
                  "metadata": {"name": name, "namespace": ns}, "spec": spec})

    def make_netpols(self):
        r = self.r
        budget = self.a.netpols
        user = [n for n, _, _ in self.namespaces if self.apps[n]]
        made = 0
        for ns in user:
            if made >= budget or r.random() > 0.6:
                continue
            types = ["Ingress"] if r.random() < 0.6 else ["Ingress", "Egress"]
            self.netpol(ns, "default-deny", {"podSelector": {}, "policyTypes": types})
            made += 1
        i = 0
        while made < budget:
            ns = r.choice(user)
            app, tier, _ = r.choice(self.apps[ns])
            self.netpol(ns, "allow-%s-%d" % (app, i), self.allow_spec(ns, app, tier))
            made += 1
            i += 1

    def allow_spec(self, ns, app, tier):
        r = self.r
        port_name, port = PORTS[tier][0]
        peers = []
        x = r.random()
        if x < 0.3:
            peers.append({"podSelector": {"matchLabels": {"tier": "frontend" if tier == "backend" else "backend"}}})
        elif x < 0.5:
            peers.append({"namespaceSelector": {"matchExpressions": [
                {"key": "env", "operator": "In", "values": ["prod", "staging"]}]},
                "podSelector": {"matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["db"]}]}})
        elif x < 0.65:
            peers.append({"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}}})
        elif x < 0.75:
            peers.append({"ipBlock": {"cidr": "10.0.0.0/8", "except": ["10.96.0.0/12", "10.244.%d.0/24" % r.randint(0, 255)]}})
        elif x < 0.8:
            peers.append({"namespaceSelector": {}})
        elif x < 0.85:
            peers.append({"ipBlock": {"cidr": "0.0.0.0/0", "except": ["169.254.169.254/32"]}})
        else:
            peers.append({"namespaceSelector": {"matchLabels": {"team": r.choice(TEAMS)}},
                          "podSelector": {"matchLabels": {"app": app}}})
        ports = [{"protocol": "TCP", "port": port_name}]
        if r.random() < 0.2:
            ports.append({"protocol": "TCP", "port": 8000, "endPort": 8100})
        ingress = [{"from": peers, "ports": ports}]
        if r.random() < 0.3:
            ingress.append({"from": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "monitoring"}}}],
                            "ports": [{"port": "metrics"}]})
        spec = {"podSelector": {"matchLabels": {"app": app}}, "policyTypes": ["Ingress"], "ingress": ingress}
        if r.random() < 0.4:
            spec["policyTypes"] = ["Ingress", "Egress"]
            egress = [{"to": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "kube-system"}},
                               "podSelector": {"matchLabels": {"app": "kube-dns"}}}],
                       "ports": [{"protocol": "UDP", "port": 53}, {"protocol": "TCP", "port": 53}]}]
            if r.random() < 0.5:
                egress.append({"to": [{"podSelector": {"matchLabels": {"tier": "db"}}}],
                               "ports": [{"port": 5432}]})
            if r.random() < 0.3:
                egress.append({"to": [{"ipBlock": {"cidr": "0.0.0.0/0", "except": ["10.0.0.0/8", "172.16.0.0/12",
                                                                                     "192.168.0.0/16"]}}],
                               "ports": [{"port": 443}]})
            spec["egress"] = egress
        return spec

    # -- RBAC -------------------------------------------------------------------------------

    DANGEROUS = [
        ("secrets-reader", [{"apiGroups": [""], "resources": ["secrets"], "verbs": ["get", "list", "watch"]}]),
        ("pod-exec", [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]},
                      {"apiGroups": [""], "resources": ["pods/exec"], "verbs": ["create"]}]),
        ("role-binder", [{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["rolebindings", "roles"],
                          "verbs": ["create", "bind"]}]),
        ("impersonator", [{"apiGroups": [""], "resources": ["users", "groups", "serviceaccounts"],
                           "verbs": ["impersonate"]}]),
        ("node-proxy", [{"apiGroups": [""], "resources": ["nodes/proxy"], "verbs": ["get", "create"]}]),
        ("webhook-admin", [{"apiGroups": ["admissionregistration.k8s.io"],
                            "resources": ["mutatingwebhookconfigurations"], "verbs": ["create", "patch"]}]),
        ("pv-provisioner", [{"apiGroups": [""], "resources": ["persistentvolumes"], "verbs": ["create", "delete"]}]),
    ]

    def make_rbac(self):
        r = self.r
        user = [n for n, _, _ in self.namespaces]
        # ClusterRoles: some aggregated into view/edit, two aggregating ones of our own.
        cluster_roles = []
        for i in range(max(4, self.a.bindings // 100)):
            name = "acme-%s-%d" % (r.choice(["reader", "operator", "deployer", "auditor"]), i)
            labels = {}
            if r.random() < 0.2:
                labels["rbac.authorization.k8s.io/aggregate-to-" + r.choice(["view", "edit"])] = "true"
            if r.random() < 0.2:
                labels["acme.io/aggregate-to-platform"] = "true"
            res = r.sample(["configmaps", "services", "deployments", "jobs", "ingresses", "events", "pods/log"], 2)
            self.add({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
                      "metadata": {"name": name, "labels": labels},
                      "rules": [{"apiGroups": ["", "apps", "batch", "networking.k8s.io"], "resources": res,
                                 "verbs": r.choice([["get", "list", "watch"], ["get", "list", "watch", "create",
                                                                               "update", "patch"]])}]})
            cluster_roles.append(name)
        self.add({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
                  "metadata": {"name": "acme-platform"},
                  "aggregationRule": {"clusterRoleSelectors": [
                      {"matchLabels": {"acme.io/aggregate-to-platform": "true"}}]}, "rules": []})
        cluster_roles.append("acme-platform")
        for name, rules in self.DANGEROUS:
            self.add({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole",
                      "metadata": {"name": name}, "rules": rules})
        # Roles: one or two per namespace.
        roles = {}
        for ns in user:
            roles[ns] = []
            for j in range(r.randint(1, 2)):
                name = "%s-role-%d" % (r.choice(["app", "ci", "reader"]), j)
                rules = [{"apiGroups": [""], "resources": ["configmaps", "pods"], "verbs": ["get", "list", "watch"]}]
                if r.random() < 0.3:
                    rules.append({"apiGroups": ["apps"], "resources": ["deployments"],
                                  "verbs": ["get", "update", "patch"]})
                if r.random() < 0.05:
                    rules.append({"apiGroups": [""], "resources": ["secrets"], "resourceNames": ["app-config"],
                                  "verbs": ["get"]})
                self.add({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
                          "metadata": {"name": name, "namespace": ns}, "rules": rules})
                roles[ns].append(name)
        for i in range(self.a.bindings):
            x = r.random()
            subjects = [self.subject(r.choice(user)) for _ in range(r.randint(1, 3))]
            if x < 0.1:
                role = r.choice(["view", "view", r.choice(cluster_roles)] +
                                ([r.choice(self.DANGEROUS)[0]] if r.random() < 0.1 else []))
                self.add({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
                          "metadata": {"name": "crb-%d" % i},
                          "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role},
                          "subjects": subjects})
                continue
            ns = r.choice(user)
            y = r.random()
            if y < 0.4:
                ref = ("Role", r.choice(roles[ns]))
            elif y < 0.9:
                ref = ("ClusterRole", r.choice(["view", "view", "edit", "admin", r.choice(cluster_roles)]))
            else:
                ref = ("ClusterRole", r.choice(self.DANGEROUS)[0])
            self.add({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
                      "metadata": {"name": "rb-%d" % i, "namespace": ns},
                      "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": ref[0], "name": ref[1]},
                      "subjects": subjects})

    def subject(self, ns):
        r = self.r
        x = r.random()
        if x < 0.35:
            return {"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": r.choice(USERS) + "@example.com"}
        if x < 0.55:
            return {"kind": "Group", "apiGroup": "rbac.authorization.k8s.io", "name": r.choice(GROUPS)}
        return {"kind": "ServiceAccount", "name": r.choice(self.accounts[ns]), "namespace": ns}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pods", type=int, default=10000)
    ap.add_argument("--netpols", type=int, help="NetworkPolicies (default: pods * 0.2)")
    ap.add_argument("--bindings", type=int, help="RoleBindings + ClusterRoleBindings (default: pods * 0.5)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bare-fraction", type=float, default=0.1,
                    help="share of the pods that are bare Pods (each its own endpoint), the rest replicas")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    if a.pods < 10:
        ap.error("--pods must be at least 10")
    a.netpols = int(a.pods * 0.2) if a.netpols is None else a.netpols
    a.bindings = int(a.pods * 0.5) if a.bindings is None else a.bindings
    c = Cluster(a)
    c.make_namespaces()
    c.make_daemonsets()
    c.make_workloads()
    c.make_secrets()
    c.make_netpols()
    c.make_rbac()
    tmp = a.out + ".tmp"
    with open(tmp, "w") as f:
        f.write("# Generated by scripts/gen-k8s-cluster.py v%d --pods %d --netpols %d --bindings %d --seed %d\n"
                % (GENERATOR_VERSION, a.pods, a.netpols, a.bindings, a.seed))
        for doc in c.docs:
            f.write("---\n")
            f.write(to_yaml(doc))
    os.replace(tmp, a.out)
    summary = {"generator": GENERATOR_VERSION, "seed": a.seed, "pods": c.pods, "nodes": len(c.nodes),
               "objects": len(c.docs), "bytes": os.path.getsize(a.out), "kinds": dict(sorted(c.counts.items()))}
    json.dump(summary, sys.stdout, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
