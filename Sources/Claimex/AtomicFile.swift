import Foundation

/// A file written beside its destination under a temporary name and renamed over it when
/// complete, so a reader never sees half a file and a killed run leaves the old one intact.
public final class AtomicFile {
    /// Where the file ends up.
    public let destination: String
    private let temporary: String
    private let stream: UnsafeMutablePointer<FILE>
    private var closed = false

    /// Opens a temporary file beside `destination`, creating missing parent folders.
    public init(destination: String) throws(OutputError) {
        self.destination = destination
        let folder = (destination as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .cannotCreate(folder, error.localizedDescription)
            }
        }
        let name = (destination as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).tmp-\(getpid())"
        guard let stream = fopen(temporary, "wb") else {
            throw .cannotCreate(temporary, String(cString: strerror(errno)))
        }
        self.temporary = temporary
        self.stream = stream
    }

    deinit {
        if !closed { discard() }
    }

    /// Appends text.
    public func write(_ text: String) throws(OutputError) {
        var text = text
        let written = text.withUTF8 { buffer in fwrite(buffer.baseAddress, 1, buffer.count, stream) }
        if written != text.utf8.count {
            throw .writeFailed(destination, String(cString: strerror(errno)))
        }
    }

    /// Appends UTF-8 bytes.
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(OutputError) {
        guard let base = bytes.baseAddress else { return }
        if fwrite(base, 1, bytes.count, stream) != bytes.count {
            throw .writeFailed(destination, String(cString: strerror(errno)))
        }
    }

    /// Flushes, closes and renames the file into place.
    public func commit() throws(OutputError) {
        guard !closed else { return }
        closed = true
        let flushed = fflush(stream) == 0 && fsync(fileno(stream)) == 0
        let error = errno
        fclose(stream)
        guard flushed else {
            unlink(temporary)
            throw .writeFailed(destination, String(cString: strerror(error)))
        }
        guard rename(temporary, destination) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(temporary)
            throw .writeFailed(destination, message)
        }
    }

    /// Closes and removes the temporary file, leaving any previous destination untouched.
    public func discard() {
        guard !closed else { return }
        closed = true
        fclose(stream)
        unlink(temporary)
    }
}

/// Why output could not be written.
public enum OutputError: Error, Sendable, CustomStringConvertible {
    case cannotCreate(String, String)
    case writeFailed(String, String)
    /// Writing standard output failed (a full disk behind a redirection).
    case standardOutputFailed(String)
    /// Standard output was closed by its reader (`claimex extract … | head`).
    case closedPipe

    public var description: String {
        switch self {
        case .cannotCreate(let path, let reason):
            "cannot create \(path): \(reason); check that the folder exists and is writable"
        case .writeFailed(let path, let reason):
            "writing \(path) failed: \(reason); the previous file, if any, was left in place"
        case .standardOutputFailed(let reason):
            "writing standard output failed: \(reason); the output is incomplete (free space, or write elsewhere with -o, and run again)"
        case .closedPipe:
            "standard output was closed"
        }
    }
}
