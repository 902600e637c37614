import Foundation

/// One page to process: its path as the user gave or found it, and the folder argument it
/// was found under (used to mirror the input tree in an output folder).
public struct InputItem: Sendable, Hashable {
    /// The path as given on the command line or found under a given folder.
    public let path: String
    /// The folder argument this page was found under, or nil when the path was given itself.
    public let root: String?

    /// Creates an input item.
    public init(path: String, root: String? = nil) {
        self.path = path
        self.root = root
    }

    /// The path relative to its root folder, or the file name when it was given directly.
    public var relativePath: String {
        if let root {
            let prefix = root.hasSuffix("/") ? root : root + "/"
            if path.hasPrefix(prefix) { return String(path.dropFirst(prefix.count)) }
        }
        return (path as NSString).lastPathComponent
    }
}

/// Expands command-line paths into the sorted list of pages to process.
///
/// Folders are walked recursively for `*.html`, `*.htm` and `*.xhtml`, skipping hidden
/// entries and never following a symbolic link to a folder (so a link loop cannot trap the
/// walk). Files given by name are taken whatever their extension, and a path that does not
/// exist is kept so that it becomes an `error` record rather than vanishing.
public struct InputCollector: Sendable {
    /// File extensions taken from folders, lowercase.
    public static let pageExtensions: Set<String> = ["html", "htm", "xhtml"]

    /// Creates a collector.
    public init() {}

    /// The pages named by `arguments`, sorted by path (byte order), each once.
    public func collect(_ arguments: [String]) -> [InputItem] {
        var items: [InputItem] = []
        let fileManager = FileManager.default
        for argument in arguments where !argument.isEmpty {
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue {
                walk(argument, root: argument, into: &items)
            } else {
                items.append(InputItem(path: argument))
            }
        }
        return Self.sortedUnique(items)
    }

    /// Paths read from a list, one per line: CR line ends and blank lines are tolerated.
    public func collect(pathList: String) -> [InputItem] {
        let lines = pathList.split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        return collect(lines)
    }

    static func sortedUnique(_ items: [InputItem]) -> [InputItem] {
        var seen: Set<String> = []
        return items
            .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
            .filter { seen.insert($0.path).inserted }
    }

    private func walk(_ folder: String, root: String, into items: inout [InputItem]) {
        let fileManager = FileManager.default
        guard let entries = try? fileManager.contentsOfDirectory(atPath: folder) else { return }
        for entry in entries.sorted() where !entry.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + entry : folder + "/" + entry
            guard let attributes = try? fileManager.attributesOfItem(atPath: path),
                  let type = attributes[.type] as? FileAttributeType else { continue }
            switch type {
            case .typeDirectory:
                walk(path, root: root, into: &items)
            case .typeRegular, .typeSymbolicLink:
                // A link to a file is read like the file; a link to a folder is not followed.
                if type == .typeSymbolicLink {
                    var isDirectory: ObjCBool = false
                    if fileManager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { continue }
                }
                let pathExtension = (entry as NSString).pathExtension.lowercased()
                if Self.pageExtensions.contains(pathExtension) {
                    items.append(InputItem(path: path, root: root))
                }
            default:
                continue
            }
        }
    }
}
