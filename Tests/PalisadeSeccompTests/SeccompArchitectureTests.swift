import PalisadeSeccomp
import Testing

@Suite struct SeccompArchitectureTests {
    @Test func parsesUnameAndDockerNames() {
        #expect(SeccompArchitecture(name: "x86_64") == .x86_64)
        #expect(SeccompArchitecture(name: "amd64") == .x86_64)
        #expect(SeccompArchitecture(name: "SCMP_ARCH_AARCH64") == .aarch64)
        #expect(SeccompArchitecture(name: "arm64") == .aarch64)
        #expect(SeccompArchitecture(name: "i386") == .x86)
        #expect(SeccompArchitecture(name: "sparc") == nil)
    }

    @Test func companionsFollowDockersArchMap() {
        #expect(SeccompArchitecture.x86_64.companions == [.x86, .x32])
        #expect(SeccompArchitecture.aarch64.companions == [.arm])
        #expect(SyscallPersonality.compat32.architecture(on: .x86_64) == .x86)
        #expect(SyscallPersonality.compat32.architecture(on: .aarch64) == .arm)
        #expect(SyscallPersonality.x32.architecture(on: .x86_64) == .x32)
    }
}
