import NIOSSL
import Synchronization

/// The current TLS context, swapped when the certificate files change. Each new connection takes
/// the context current at accept; connections already open keep theirs, so a reload never drops
/// a connection. A reload that fails (half-written files, a key that does not match) keeps the
/// old context and logs one line; the same broken files are not retried until they change again.
final class CertificateReloader: Sendable {
    private struct State {
        var context: NIOSSLContext
        var loaded: [FileStamp?]
        /// The fingerprint of the last failed attempt, so it is reported once, not every poll.
        var failed: [FileStamp?]?
    }

    let files: TLSFiles
    private let state: Mutex<State>

    /// Loads the files now; a failure here is fatal for the server (it has nothing to serve).
    init(files: TLSFiles) throws(AdmissionServerError) {
        self.files = files
        let stamp = files.fingerprint()
        let context = try files.makeContext()
        state = Mutex(State(context: context, loaded: stamp, failed: nil))
    }

    var context: NIOSSLContext { state.withLock { $0.context } }

    enum Outcome: Equatable {
        case unchanged
        case reloaded
        case failed(String)
    }

    /// Reloads when the files' fingerprint differs from what is loaded (and from the last failure).
    func reloadIfChanged() -> Outcome {
        let stamp = files.fingerprint()
        let changed = state.withLock { $0.loaded != stamp && $0.failed != stamp }
        guard changed else { return .unchanged }
        do {
            let context = try files.makeContext()
            // Files that changed again while loading are simply loaded again on the next poll.
            state.withLock { state in
                state.context = context
                state.loaded = stamp
                state.failed = nil
            }
            return .reloaded
        } catch {
            state.withLock { $0.failed = stamp }
            return .failed(error.description)
        }
    }
}
