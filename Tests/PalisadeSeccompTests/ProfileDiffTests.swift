import PalisadeSeccomp
import Testing

@Suite struct ProfileDiffTests {
    @Test func reorderedRulesAreNoDifference() throws {
        let a = try SeccompFixtures.parse(
            """
            {"defaultAction": "SCMP_ACT_ERRNO", "syscalls": [
              {"names": ["read", "write"], "action": "SCMP_ACT_ALLOW"}, {"names": ["close"], "action": "SCMP_ACT_ALLOW"}]}
            """)
        let b = try SeccompFixtures.parse(
            "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"close\", \"write\", \"read\"], \"action\": \"SCMP_ACT_ALLOW\"}]}"
        )
        #expect(ProfileDiff(from: a, to: b, architecture: .x86_64).isEmpty)
    }

    @Test func listsWhatOpensWhatClosesAndWhatChanges() throws {
        let a = try SeccompFixtures.parse(
            """
            {"defaultAction": "SCMP_ACT_ERRNO", "architectures": ["SCMP_ARCH_X86_64"], "syscalls": [
              {"names": ["read", "write", "mount"], "action": "SCMP_ACT_ALLOW"},
              {"names": ["personality"], "action": "SCMP_ACT_ALLOW", "args": [{"index": 0, "value": 0, "op": "SCMP_CMP_EQ"}]}]}
            """)
        let b = try SeccompFixtures.parse(
            """
            {"defaultAction": "SCMP_ACT_ERRNO", "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86"], "syscalls": [
              {"names": ["read", "write", "ptrace", "personality"], "action": "SCMP_ACT_ALLOW"}]}
            """)
        let diff = ProfileDiff(from: a, to: b, architecture: .x86_64)
        #expect(diff.nowAllowed.map(\.name) == ["ptrace"])
        #expect(diff.nowDenied.map(\.name) == ["mount"])
        #expect(diff.changed.map(\.name) == ["personality"])
        #expect(diff.changed.first?.after == "allowed")
        #expect(diff.addedArchitectures == ["SCMP_ARCH_X86"])
        #expect(diff.defaultAction == nil)
    }

    @Test func dockerDefaultAgainstContainersCommon() throws {
        let diff = ProfileDiff(
            from: RuntimeDefaultProfile.profile, to: try SeccompFixtures.containersCommon, architecture: .x86_64)
        #expect(diff.nowAllowed.map(\.name).contains("mount"))
        #expect(diff.nowAllowed.map(\.name).contains("unshare"))
        #expect(!diff.isEmpty)
    }

    @Test func switchingToAllowByDefaultShowsWhatOpens() throws {
        let a = try SeccompFixtures.parse(
            "{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ALLOW\"}]}"
        )
        let b = try SeccompFixtures.parse("{\"defaultAction\": \"SCMP_ACT_ALLOW\"}")
        let diff = ProfileDiff(from: a, to: b, architecture: .x86_64)
        #expect(diff.defaultAction?.after == .allow)
        #expect(diff.nowAllowed.map(\.name).contains("write"))
        #expect(!diff.nowAllowed.map(\.name).contains("read"))
    }
}
