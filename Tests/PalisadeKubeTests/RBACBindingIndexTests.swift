import PalisadeKube
import Testing

/// The binding index behind `grants`, `permissions(of:)` and the escalation paths: it must select
/// exactly the bindings `RBACIdentity.matches` selects.
@Suite struct RBACBindingIndexTests {
    private static let yaml =
        RBACEngine.clusterRole("r", rules: "- {apiGroups: [\"\"], resources: [pods], verbs: [get]}")
        + RBACEngine.binding("to-alice", role: "r", subjects: RBACEngine.alice)
        + RBACEngine.binding("to-devs", role: "r", subjects: "- {kind: Group, name: devs}")
        + RBACEngine.binding("sa-no-namespace", role: "r", subjects: "- {kind: ServiceAccount, name: web}")
        + RBACEngine.binding(
            "sa-defaulted", namespace: "shop", role: "r", subjects: "- {kind: ServiceAccount, name: web}")
        + RBACEngine.binding(
            "sa-as-user", namespace: "dev", role: "r",
            subjects: "- {kind: User, name: \"system:serviceaccount:shop:web\"}")
        + RBACEngine.binding("odd-kind", role: "r", subjects: "- {kind: Robot, name: alice}")

    private func names(_ identity: RBACIdentity) -> [String] {
        let authorizer = RBACEngine.authorizer(Self.yaml)
        let policy = authorizer.policy
        let cluster = authorizer.index.clusterRoleBindings(of: identity).map { policy.clusterRoleBindings[$0].name }
        let namespaced = authorizer.index.roleBindings(of: identity)
        return cluster
            + namespaced.keys.sorted().flatMap { ns in namespaced[ns]!.map { policy.roleBindings[ns]![$0].name } }
    }

    @Test func usersGroupsAndServiceAccounts() {
        #expect(names(RBACEngine.user("alice")) == ["to-alice"])
        #expect(names(RBACEngine.user("bob", groups: ["devs"])) == ["to-devs"])
        // A RoleBinding's ServiceAccount without namespace is in the binding's; the user name matches too.
        #expect(names(RBACEngine.sa("shop", "web")) == ["sa-as-user", "sa-defaulted"])
    }

    @Test func nobodyElse() {
        // A ClusterRoleBinding's ServiceAccount without namespace, and unknown kinds, match nobody.
        #expect(names(RBACEngine.sa("default", "web")).isEmpty)
        #expect(names(RBACEngine.user("web")).isEmpty)
        #expect(names(RBACEngine.sa("shop", "we")).isEmpty)
        #expect(names(RBACEngine.sa("sho", "pweb")).isEmpty)
        #expect(!names(RBACEngine.user("alice")).contains("odd-kind"))
    }

    @Test func grantsAgreeWithTheBindingsTheIndexSelects() {
        let authorizer = RBACEngine.authorizer(Self.yaml)
        let get = RBACRequest(verb: "get", resource: "pods", namespace: "shop")
        #expect(authorizer.grants(RBACEngine.sa("shop", "web"), get).map(\.binding.name) == ["sa-defaulted"])
        var dev = get
        dev.namespace = "dev"
        #expect(authorizer.grants(RBACEngine.sa("shop", "web"), dev).map(\.binding.name) == ["sa-as-user"])
        #expect(authorizer.grants(RBACEngine.sa("shop", "web"), RBACRequest(verb: "get", resource: "pods")).isEmpty)
        #expect(
            authorizer.permissions(of: RBACEngine.sa("shop", "web")).map(\.grant.binding.name) == [
                "sa-as-user", "sa-defaulted",
            ])
    }
}
