import PalisadeCore

#if canImport(Glibc)
    import Glibc
    private let systemRead = Glibc.read
#elseif canImport(Darwin)
    import Darwin
    private let systemRead = Darwin.read
#endif

/// The bytes of one input file (or stdin), owned in one allocation that stays put while
/// parsers point into it. Read with plain POSIX `read` (no Foundation copies).
public final class SourceBuffer: @unchecked Sendable {
    /// Name shown in findings and errors: the path as given, or `-` for stdin.
    public let name: String
    private let storage: UnsafeMutableRawBufferPointer

    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: storage[0..<storageCount]) }
    public var count: Int { storageCount }

    public init(name: String, copying data: some Collection<UInt8>) {
        self.name = name
        self.storage = .allocate(byteCount: max(data.count, 1), alignment: 16)
        _ = UnsafeMutableRawBufferPointer(rebasing: storage[0..<data.count]).initializeMemory(
            as: UInt8.self, from: data)
        self.storageCount = data.count
    }

    private let storageCount: Int

    deinit { storage.deallocate() }

    /// Reads a whole file. `maxBytes` guards against feeding something absurd (a device, a huge blob).
    public static func read(path: String, displayName: String? = nil, maxBytes: Int = 1 << 31) throws(InputError)
        -> SourceBuffer
    {
        let name = displayName ?? path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw InputError(file: name, reason: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        return try readAll(fd: fd, name: name, maxBytes: maxBytes)
    }

    /// Reads standard input to the end.
    public static func readStandardInput(maxBytes: Int = 1 << 31) throws(InputError) -> SourceBuffer {
        try readAll(fd: 0, name: "-", maxBytes: maxBytes)
    }

    private static func readAll(fd: Int32, name: String, maxBytes: Int) throws(InputError) -> SourceBuffer {
        var st = stat()
        var capacity = 1 << 16
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG {
            if Int(st.st_size) > maxBytes {
                throw InputError(file: name, reason: "file is \(st.st_size) bytes, over the \(maxBytes)-byte limit")
            }
            capacity = Int(st.st_size) + 1
        }
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        var used = 0
        while true {
            if used == buffer.count {
                if buffer.count >= maxBytes {
                    buffer.deallocate()
                    throw InputError(file: name, reason: "input is over the \(maxBytes)-byte limit")
                }
                let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
                bigger.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<used]))
                buffer.deallocate()
                buffer = bigger
            }
            let n = systemRead(fd, buffer.baseAddress! + used, buffer.count - used)
            if n < 0 {
                if errno == EINTR { continue }
                let reason = errno == EISDIR ? "is a directory" : String(cString: strerror(errno))
                buffer.deallocate()
                throw InputError(file: name, reason: "cannot read: \(reason)")
            }
            if n == 0 { break }
            used += n
        }
        return SourceBuffer(name: name, owning: buffer, count: used)
    }

    private init(name: String, owning buffer: UnsafeMutableRawBufferPointer, count: Int) {
        self.name = name
        self.storage = buffer
        self.storageCount = count
    }
}
