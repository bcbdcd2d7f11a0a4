import PalisadeKube
import Testing

/// Command-line request words to requests, and subject syntax.
@Suite struct RBACRequestParsingTests {
    @Test func wellKnownResourcesGetTheirGroup() {
        let parsed = RBACRequest.parse(verb: "create", resource: "deployments", namespace: "dev")
        #expect(parsed.request == RBACRequest(verb: "create", group: "apps", resource: "deployments", namespace: "dev"))
        #expect(parsed.notes.isEmpty)
    }

    @Test func subresourcesAndExplicitGroups() {
        #expect(
            RBACRequest.parse(verb: "update", resource: "deployments.apps/scale", namespace: "dev").request
                == RBACRequest(
                    verb: "update", group: "apps", resource: "deployments", subresource: "scale", namespace: "dev"))
        #expect(
            RBACRequest.parse(verb: "get", resource: "widgets", namespace: nil, apiGroup: "example.com").request
                == RBACRequest(verb: "get", group: "example.com", resource: "widgets"))
        let unknown = RBACRequest.parse(verb: "get", resource: "widgets", namespace: nil)
        #expect(unknown.request == RBACRequest(verb: "get", resource: "widgets"))
        #expect(unknown.notes.count == 1)
    }

    @Test func clusterScopedResourcesDropTheNamespace() {
        let parsed = RBACRequest.parse(verb: "get", resource: "nodes/proxy", namespace: "dev", name: "n1")
        #expect(parsed.request == RBACRequest(verb: "get", resource: "nodes", subresource: "proxy", name: "n1"))
        #expect(parsed.notes.first?.contains("cluster-scoped") == true)
        let impersonate = RBACRequest.parse(verb: "impersonate", resource: "users", namespace: nil, name: "admin")
        #expect(impersonate.request == RBACRequest(verb: "impersonate", resource: "users", name: "admin"))
    }

    @Test func nonResourceURLs() {
        let parsed = RBACRequest.parse(verb: "get", resource: "/metrics", namespace: "x")
        #expect(parsed.request == RBACRequest(verb: "get", nonResourceURL: "/metrics"))
        #expect(parsed.notes.count == 1)
    }

    @Test func subjectSyntax() {
        #expect(RBACSubject.parse("user:alice") == RBACSubject(kind: "User", name: "alice"))
        #expect(RBACSubject.parse("group:system:masters") == RBACSubject(kind: "Group", name: "system:masters"))
        #expect(
            RBACSubject.parse("sa:argocd:argocd-server")
                == RBACSubject(kind: "ServiceAccount", name: "argocd-server", namespace: "argocd"))
        #expect(
            RBACSubject.parse("system:serviceaccount:kube-system:default")
                == RBACSubject(kind: "ServiceAccount", name: "default", namespace: "kube-system"))
        for bad in ["alice", "user:", "sa:ns", "sa:ns:", "sa::x", "robot:x", "system:serviceaccount:a"] {
            #expect(RBACSubject.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func identities() {
        let sa = RBACIdentity(RBACSubject(kind: "ServiceAccount", name: "ci", namespace: "dev"))
        #expect(sa.userName == "system:serviceaccount:dev:ci")
        #expect(sa.groups == ["system:serviceaccounts", "system:serviceaccounts:dev", "system:authenticated"])
        #expect(RBACIdentity(RBACSubject(kind: "User", name: "alice")).groups == ["system:authenticated"])
        #expect(RBACIdentity(RBACSubject(kind: "User", name: "system:anonymous")).groups == ["system:unauthenticated"])
    }
}
