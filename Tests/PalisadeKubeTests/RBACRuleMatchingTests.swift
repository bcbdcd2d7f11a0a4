import PalisadeKube
import Testing

/// The rule matching of the RBAC authorizer, one semantic at a time (each positive and negative).
@Suite struct RBACRuleMatchingTests {
    private func rule(
        verbs: [String], groups: [String] = [""], resources: [String] = [], names: [String] = [],
        urls: [String] = []
    ) -> RBACRule {
        RBACRule(verbs: verbs, apiGroups: groups, resources: resources, resourceNames: names, nonResourceURLs: urls)
    }

    @Test func exactVerbResourceAndGroup() {
        let r = rule(verbs: ["get"], resources: ["pods"])
        #expect(r.allows(RBACRequest(verb: "get", resource: "pods", namespace: "a")))
        #expect(!r.allows(RBACRequest(verb: "list", resource: "pods", namespace: "a")))
        #expect(!r.allows(RBACRequest(verb: "get", resource: "secrets", namespace: "a")))
        #expect(!r.allows(RBACRequest(verb: "get", group: "apps", resource: "pods", namespace: "a")))
    }

    @Test func verbWildcard() {
        let r = rule(verbs: ["*"], resources: ["pods"])
        #expect(r.allows(RBACRequest(verb: "delete", resource: "pods")))
        #expect(r.allows(RBACRequest(verb: "impersonate", resource: "pods")))
        #expect(!r.allows(RBACRequest(verb: "delete", resource: "secrets")))
    }

    @Test func groupWildcard() {
        let r = rule(verbs: ["get"], groups: ["*"], resources: ["deployments"])
        #expect(r.allows(RBACRequest(verb: "get", group: "apps", resource: "deployments")))
        #expect(r.allows(RBACRequest(verb: "get", group: "extensions", resource: "deployments")))
        let core = rule(verbs: ["get"], groups: [""], resources: ["deployments"])
        #expect(!core.allows(RBACRequest(verb: "get", group: "apps", resource: "deployments")))
    }

    @Test func resourceWildcardCoversSubresources() {
        let r = rule(verbs: ["get"], resources: ["*"])
        #expect(r.allows(RBACRequest(verb: "get", resource: "pods")))
        #expect(r.allows(RBACRequest(verb: "get", resource: "pods", subresource: "log")))
    }

    @Test func subresourceMustBeNamed() {
        let pods = rule(verbs: ["create"], resources: ["pods"])
        #expect(!pods.allows(RBACRequest(verb: "create", resource: "pods", subresource: "exec")))
        let exec = rule(verbs: ["create"], resources: ["pods/exec"])
        #expect(exec.allows(RBACRequest(verb: "create", resource: "pods", subresource: "exec")))
        #expect(!exec.allows(RBACRequest(verb: "create", resource: "pods")))
        #expect(!exec.allows(RBACRequest(verb: "create", resource: "pods", subresource: "attach")))
    }

    @Test func starSlashSubresource() {
        let scale = rule(verbs: ["update"], groups: ["*"], resources: ["*/scale"])
        #expect(scale.allows(RBACRequest(verb: "update", group: "apps", resource: "deployments", subresource: "scale")))
        #expect(scale.allows(RBACRequest(verb: "update", resource: "replicationcontrollers", subresource: "scale")))
        #expect(!scale.allows(RBACRequest(verb: "update", group: "apps", resource: "deployments")))
        #expect(
            !scale.allows(RBACRequest(verb: "update", group: "apps", resource: "deployments", subresource: "status")))
        // `*/scale` is not a prefix match on the subresource.
        #expect(!scale.allows(RBACRequest(verb: "update", resource: "x", subresource: "scalers")))
    }

    @Test func resourceNames() {
        let r = rule(verbs: ["get", "list"], resources: ["secrets"], names: ["tls"])
        #expect(r.allows(RBACRequest(verb: "get", resource: "secrets", name: "tls")))
        #expect(!r.allows(RBACRequest(verb: "get", resource: "secrets", name: "db")))
        // A request without a name (list) never matches a rule with resourceNames.
        #expect(!r.allows(RBACRequest(verb: "list", resource: "secrets")))
        #expect(!r.allows(RBACRequest(verb: "get", resource: "secrets")))
        let any = rule(verbs: ["get"], resources: ["secrets"])
        #expect(any.allows(RBACRequest(verb: "get", resource: "secrets", name: "db")))
        #expect(any.allows(RBACRequest(verb: "get", resource: "secrets")))
    }

    @Test func nonResourceURLs() {
        let r = rule(verbs: ["get"], groups: [], urls: ["/healthz", "/metrics/*", "/api*"])
        #expect(r.allows(RBACRequest(verb: "get", nonResourceURL: "/healthz")))
        #expect(!r.allows(RBACRequest(verb: "get", nonResourceURL: "/healthz/etcd")))
        #expect(r.allows(RBACRequest(verb: "get", nonResourceURL: "/metrics/slis")))
        #expect(!r.allows(RBACRequest(verb: "get", nonResourceURL: "/metrics")))
        #expect(r.allows(RBACRequest(verb: "get", nonResourceURL: "/apis/apps")))
        #expect(!r.allows(RBACRequest(verb: "post", nonResourceURL: "/healthz")))
        let all = rule(verbs: ["*"], groups: [], urls: ["*"])
        #expect(all.allows(RBACRequest(verb: "get", nonResourceURL: "/anything")))
        // A resource rule never grants a non-resource URL, nor the other way round.
        #expect(
            !rule(verbs: ["*"], groups: ["*"], resources: ["*"]).allows(
                RBACRequest(verb: "get", nonResourceURL: "/healthz")))
        #expect(!all.allows(RBACRequest(verb: "get", resource: "pods")))
    }

    @Test func impersonateVerb() {
        let r = rule(verbs: ["impersonate"], resources: ["users", "groups", "serviceaccounts"])
        #expect(r.allows(RBACRequest(verb: "impersonate", resource: "users", name: "admin")))
        #expect(r.allows(RBACRequest(verb: "impersonate", resource: "serviceaccounts", name: "x", namespace: "a")))
        #expect(!r.allows(RBACRequest(verb: "get", resource: "users")))
    }
}
