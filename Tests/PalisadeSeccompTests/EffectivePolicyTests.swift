import PalisadeSeccomp
import Testing

@Suite struct EffectivePolicyTests {
    let docker = RuntimeDefaultProfile.profile

    @Test func dockerDefaultOnX86WithDefaultCapabilities() {
        let policy = EffectivePolicy(profile: docker, architecture: .x86_64)
        #expect(policy.verdict(for: "read") == .allowed)
        #expect(policy.verdict(for: "mount") == .denied(.errno))
        #expect(policy.verdict(for: "bpf") == .denied(.errno))
        #expect(policy.verdict(for: "unshare") == .denied(.errno))
        // clone: only without namespace flags (masked-equal condition) for containers without CAP_SYS_ADMIN.
        #expect(policy.verdict(for: "clone") == .allowedWithArguments(otherwise: .errno))
        // clone3 answers ENOSYS so glibc falls back to clone.
        #expect(policy.verdict(for: "clone3") == .denied(.errno))
        // chroot needs CAP_SYS_CHROOT, which containers have by default.
        #expect(policy.verdict(for: "chroot") == .allowed)
        #expect(policy.verdict(for: "arch_prctl") == .allowed)
        #expect(policy.verdict(for: "socket") == .allowedWithArguments(otherwise: .errno))
    }

    @Test func minKernelRulesCountOnlyForAGivenKernel() {
        let anyKernel = EffectivePolicy(profile: docker, architecture: .x86_64)
        #expect(anyKernel.verdict(for: "ptrace") == .denied(.errno))
        let newKernel = EffectivePolicy(profile: docker, architecture: .x86_64, kernel: KernelVersion("6.1.0-18-amd64"))
        #expect(newKernel.verdict(for: "ptrace") == .allowed)
        let oldKernel = EffectivePolicy(profile: docker, architecture: .x86_64, kernel: KernelVersion("4.4"))
        #expect(oldKernel.verdict(for: "ptrace") == .denied(.errno))
    }

    @Test func capabilitiesOpenTheirRules() {
        var caps = EffectivePolicy.defaultCapabilities
        caps.insert("CAP_SYS_ADMIN")
        let admin = EffectivePolicy(profile: docker, architecture: .x86_64, capabilities: caps)
        #expect(admin.verdict(for: "mount") == .allowed)
        #expect(admin.verdict(for: "clone") == .allowed)
        let none = EffectivePolicy(profile: docker, architecture: .x86_64, capabilities: [])
        #expect(none.verdict(for: "chroot") == .denied(.errno))
    }

    @Test func architectureFiltersUseGoAndUnameNames() {
        let arm = EffectivePolicy(profile: docker, architecture: .aarch64)
        #expect(arm.verdict(for: "arch_prctl") == .denied(.errno))
        #expect(arm.verdict(for: "cacheflush") == .allowed)
        let x86 = EffectivePolicy(profile: docker, architecture: .x86_64)
        #expect(x86.verdict(for: "cacheflush") == .denied(.errno))
    }

    @Test func architecturesTheFilterDoesNotCoverAreKilled() throws {
        let profile = try SeccompFixtures.parse(
            """
            {"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_AARCH64"], "syscalls": []}
            """)
        let policy = EffectivePolicy(profile: profile, architecture: .x86_64)
        #expect(!policy.coversArchitecture)
        #expect(policy.verdict(for: "read") == .denied(.killProcess))
    }

    @Test func explicitDenyBeatsADefaultAllow() throws {
        let profile = try SeccompFixtures.parse(
            """
            {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
              {"names": ["ptrace"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1},
              {"names": ["personality"], "action": "SCMP_ACT_ALLOW",
               "args": [{"index": 0, "value": 0, "op": "SCMP_CMP_EQ"}]}
            ]}
            """)
        let policy = EffectivePolicy(profile: profile, architecture: .x86_64)
        #expect(policy.verdict(for: "ptrace") == .denied(.errno))
        #expect(policy.verdict(for: "personality") == .allowed)
        #expect(policy.verdict(for: "mount") == .allowed)
    }

    @Test func kernelVersionsParseAndCompare() {
        #expect(KernelVersion("4.8") == KernelVersion(major: 4, minor: 8))
        #expect(KernelVersion("6.18.44-fc-v782") == KernelVersion(major: 6, minor: 18))
        #expect(KernelVersion("5") == nil)
        #expect(KernelVersion("4.8")! < KernelVersion("4.10")!)
    }
}
