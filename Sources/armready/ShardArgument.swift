import ArgumentParser
import Scanning

/// `--shard I/N` as typed: anything but two numbers with `1 <= I <= N` (`0/3`, `4/3`, `1/0`)
/// is a usage error (exit 64).
struct ShardArgument: ExpressibleByArgument {
    var shard: ScanShard

    init?(argument: String) {
        guard let shard = ScanShard(argument) else { return nil }
        self.shard = shard
    }
}
