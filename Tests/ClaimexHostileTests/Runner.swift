import Foundation
import Synchronization

/// Runs the built `claimex` binary the way a user's shell would, and gives back what it
/// wrote. Kept separate from the CLI tests' helper so either can change alone.
enum Runner {
    struct Output {
        let status: Int32
        let stdout: Data
        let stderr: String

        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// The `claimex` executable beside the test bundle in the build folder.
    static var executable: String {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("claimex").path) && folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("claimex").path
    }

    /// Runs `claimex arguments…` to the end, feeding `stdin`, capturing both outputs.
    static func claimex(_ arguments: [String], stdin: String = "") throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        return try run(process, stdin: stdin)
    }

    /// Runs a `/bin/bash -c script` (for pipes, `ulimit` and redirections), with the path
    /// of `claimex` in `$CLAIMEX`.
    static func shell(_ script: String) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        var environment = ProcessInfo.processInfo.environment
        environment["CLAIMEX"] = executable
        process.environment = environment
        return try run(process, stdin: "")
    }

    private static func run(_ process: Process, stdin: String) throws -> Output {
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        // Drain both pipes before waiting, so a large output cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errors = Data()
        group.enter()
        DispatchQueue.global().async {
            errors = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: output, stderr: String(decoding: errors, as: UTF8.self))
    }
}

/// A temporary folder, removed when the value goes away, or when the test process exits
/// for one a suite shares in a static (statics are never deinitialized).
final class Scratch {
    let path: String

    init(untilExit: Bool = false) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("claimex-hostile-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        if untilExit { Self.removeAtExit(path) }
    }

    deinit {
        Self.remove(path)
    }

    /// Folders made unreadable by a test must be readable again to be removed.
    private static func remove(_ path: String) {
        _ = try? Runner.shell("chmod -R u+rwx '\(path)' 2>/dev/null; rm -rf '\(path)'")
    }

    private static let atExit = Mutex<[String]>([])
    private static let registered: Void = {
        atexit { for path in Scratch.atExit.withLock({ $0 }) { Scratch.remove(path) } }
    }()

    private static func removeAtExit(_ path: String) {
        _ = registered
        atExit.withLock { $0.append(path) }
    }

    /// The absolute path of `relative` inside the folder.
    func at(_ relative: String) -> String { path + "/" + relative }

    @discardableResult
    func write(_ relative: String, _ bytes: [UInt8]) throws -> String {
        let file = at(relative)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: file, contents: Data(bytes)) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file])
        }
        return file
    }

    @discardableResult
    func link(_ relative: String, to target: String) throws -> String {
        let file = at(relative)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: file, withDestinationPath: target)
        return file
    }
}

/// The JSON objects of a JSON Lines text; fails on a line that is not a JSON object.
func records(_ output: Data) throws -> [[String: Any]] {
    try output.split(separator: UInt8(ascii: "\n")).map { line in
        guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
            throw CocoaError(.propertyListReadCorrupt)
        }
        return object
    }
}

/// The `article` and `error` records, one per page, in order.
func pageRecords(_ output: Data) throws -> [[String: Any]] {
    try records(output).filter { ["article", "error"].contains($0["kind"] as? String) }
}
