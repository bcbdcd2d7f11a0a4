#!/usr/bin/env python3
"""Synthetic Kubernetes audit log for measuring `palisade admission replay` (docs/admission-replay.md).

usage: gen-audit-log.py OUT MEGABYTES [typical|light|creates]
  light:   0.5% RequestResponse Pod creates; 5% Request-level node status patches, 15% lease
           updates and 5% event creates at Metadata level; the rest get/list/watch (Metadata)
  typical: the same with 5% Pod creates
  creates: only RequestResponse Pod creates (every line is decided)
  replicas: like creates, but as a ReplicaSet controller sends them: generateName, no name,
           identical bodies within each of 50 ReplicaSets
Events are in the API server's compact JSON, with managedFields, ownerReferences and RBAC
annotations; one Pod in ten is privileged.
"""
import json, random, sys, uuid
random.seed(7)
out = open(sys.argv[1], "w")
target = int(sys.argv[2]) * 1_000_000
mode = sys.argv[3] if len(sys.argv) > 3 else "typical"
ts = "2026-11-20T10:00:00.123456Z"
def base(verb, level, resource, ns, name, uri, user="system:serviceaccount:kube-system:replicaset-controller", stage="ResponseComplete", code=200, sub=None):
    e = {"kind":"Event","apiVersion":"audit.k8s.io/v1","level":level,"auditID":str(uuid.UUID(int=random.getrandbits(128))),
         "stage":stage,"requestURI":uri,"verb":verb,
         "user":{"username":user,"uid":"8d5e1349-d30f-11e8-96d9-080027728ac4","groups":["system:serviceaccounts","system:serviceaccounts:kube-system","system:authenticated"]},
         "sourceIPs":["10.0.12.7"],"userAgent":"kube-controller-manager/v1.31.2 (linux/amd64) kubernetes/5864a46/system:serviceaccount:kube-system:replicaset-controller",
         "objectRef":{"resource":resource,"namespace":ns,"name":name,"apiVersion":"v1"},
         "responseStatus":{"metadata":{},"code":code},
         "requestReceivedTimestamp":ts,"stageTimestamp":ts,
         "annotations":{"authorization.k8s.io/decision":"allow","authorization.k8s.io/reason":"RBAC: allowed by ClusterRoleBinding \"system:controller:replicaset-controller\" of ClusterRole \"system:controller:replicaset-controller\" to ServiceAccount \"replicaset-controller/kube-system\""}}
    if sub: e["objectRef"]["subresource"] = sub
    return e
def pod(i, priv):
    if mode == "replicas":
        i = i % 50
        priv = i % 10 == 0
    return {"kind":"Pod","apiVersion":"v1","metadata":{("generateName" if mode == "replicas" else "name"):f"web-{i}","namespace":f"team-{i%17}","labels":{"app":"web","pod-template-hash":"5cdcc99dbf"},
      "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":f"web-{i%50}-5cdcc99dbf","uid":"8c800470-d85f-11e8-88b6-080027728ac4","controller":True,"blockOwnerDeletion":True}],
      "managedFields":[{"manager":"kube-controller-manager","operation":"Update","apiVersion":"v1","time":ts,"fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{".":{},"f:app":{},"f:pod-template-hash":{}},"f:ownerReferences":{".":{},"k:{\"uid\":\"8c800470\"}":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"app\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{},"f:resources":{},"f:securityContext":{".":{},"f:privileged":{}}}},"f:dnsPolicy":{},"f:restartPolicy":{}}}}]},
      "spec":{"volumes":[{"name":"kube-api-access-x","projected":{"sources":[{"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},{"configMap":{"name":"kube-root-ca.crt","items":[{"key":"ca.crt","path":"ca.crt"}]}}],"defaultMode":420}}],
      "containers":[{"name":"app","image":"registry.example.com/team/app:1.4.2","ports":[{"containerPort":8080,"protocol":"TCP"}],"env":[{"name":"MODE","value":"prod"}],"resources":{"limits":{"cpu":"500m","memory":"256Mi"},"requests":{"cpu":"100m","memory":"128Mi"}},
        "securityContext":{"privileged":priv},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"IfNotPresent"}],
      "restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","serviceAccountName":"default","securityContext":{},"schedulerName":"default-scheduler"},"status":{}}
n = 0; i = 0
while n < target:
    i += 1
    r = random.random()
    if mode in ("creates", "replicas") or r < (0.005 if mode == "light" else 0.05):
        e = base("create","RequestResponse","pods",f"team-{i%17}","",f"/api/v1/namespaces/team-{i%17}/pods",code=201)
        p = pod(i, i % 10 == 0); e["requestObject"] = p; e["responseObject"] = p
    elif r < 0.10:
        e = base("patch","Request","nodes","",f"node-{i%40}",f"/api/v1/nodes/node-{i%40}/status",user="system:node:node-1",sub="status")
        e["requestObject"] = {"status":{"conditions":[{"type":"Ready","status":"True","lastHeartbeatTime":ts}]*4}}
    elif r < 0.25:
        e = base("update","Metadata","leases","kube-node-lease",f"node-{i%40}",f"/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-{i%40}",user="system:node:node-1")
    elif r < 0.30:
        e = base("create","Metadata","events",f"team-{i%17}","",f"/api/v1/namespaces/team-{i%17}/events",code=201)
    else:
        v = random.choice(["get","list","watch"])
        e = base(v,"Metadata","configmaps",f"team-{i%17}","app-config",f"/api/v1/namespaces/team-{i%17}/configmaps/app-config")
    s = json.dumps(e, separators=(",",":")) + "\n"
    out.write(s); n += len(s)
print(i, n)
