import Foundation
import Testing

@testable import Reporting

/// The interned form `HTMLJSONInterner` documents, and that it loses nothing.
@Suite struct HTMLJSONInternerTests {
    /// Worked by hand from the format: `"x"` is used twice and so comes first in `values`; the
    /// keys and the number follow in first-use order; `"y"` occurs once and stays in place; the
    /// object is `[-1, ...]` with the keys of shape 1, in the input's order.
    @Test func smallDocumentByHand() throws {
        let out = try #require(HTMLJSONInterner.intern(Array(#"{"b":["x","y","x"],"a":1}"#.utf8)))
        #expect(
            String(decoding: out, as: UTF8.self)
                == #"{"shapes":[[1,2]],"tree":[-1,[0,"y",0],3],"values":["x","b","a",1]}"#)
    }

    @Test func emptyContainersAndTopLevelScalars() throws {
        #expect(try text(#"{}"#) == #"{"shapes":[[]],"tree":[-1],"values":[]}"#)
        #expect(try text(#"[]"#) == #"{"shapes":[],"tree":[],"values":[]}"#)
        #expect(try text(#""s""#) == #"{"shapes":[],"tree":"s","values":[]}"#)
        #expect(try text(#"null"#) == #"{"shapes":[],"tree":0,"values":[null]}"#)
    }

    /// Escaped quotes and backslashes, Unicode, literals, nesting and repeated key sets come back
    /// exactly as JSONSerialization reads the input.
    @Test func hydratesToTheInput() throws {
        let documents = [
            #"{"a":"q\"uote","b":"back\\","c":"back\\\"slash","d":"\u2028 é 😀","e":[true,false,null,0,-1.5,1e-7]}"#,
            #"[{"k":1,"l":[{"k":1,"l":[]},{"k":2,"l":[[],{}]}]},{"l":"x","k":"x"},"x","x"]"#,
            #"[[-1],[-2,"a"],{"":""},{"a":{"a":{"a":{}}}}]"#,
        ]
        for document in documents {
            let blob = try #require(HTMLJSONInterner.intern(Array(document.utf8)))
            #expect(
                try Self.canonical(Self.hydrate(blob))
                    == Self.canonical(
                        JSONSerialization.jsonObject(
                            with: Data(document.utf8), options: .fragmentsAllowed)), "\(document)")
        }
    }

    @Test func malformedInputIsRefusedWithoutTrapping() {
        for bad in ["", "{", "[1,", #"{"a"}"#, #"{"a":}"#, #""open"#, #""ends in \"#, "[1]]", #"{1:2}"#, "[1 2]"] {
            #expect(HTMLJSONInterner.intern(Array(bad.utf8)) == nil, "\(bad)")
        }
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(HTMLJSONInterner.intern(Array(deep.utf8)) == nil)
    }

    private func text(_ json: String) throws -> String {
        String(decoding: try #require(HTMLJSONInterner.intern(Array(json.utf8))), as: UTF8.self)
    }

    /// The tree walk `Reports/report.js` does, over JSONSerialization's objects.
    static func hydrate(_ interned: [UInt8]) throws -> Any {
        let blob = try #require(try JSONSerialization.jsonObject(with: Data(interned)) as? [String: Any])
        let values = try #require(blob["values"] as? [Any])
        let shapes = try #require(blob["shapes"] as? [[Int]])
        func walk(_ node: Any) throws -> Any {
            if let string = node as? String { return string }
            if let index = node as? Int { return values[index] }
            let array = try #require(node as? [Any])
            if let marker = array.first as? Int, marker < 0 {
                let keys = shapes[-marker - 1]
                #expect(keys.count == array.count - 1)
                var object: [String: Any] = [:]
                for (position, key) in keys.enumerated() {
                    object[try #require(values[key] as? String)] = try walk(array[position + 1])
                }
                return object
            }
            return try array.map(walk)
        }
        return try walk(blob["tree"] as Any)
    }

    /// `object` as sorted-key JSON text, to compare two JSONSerialization trees.
    static func canonical(_ object: Any) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: [object], options: [.sortedKeys, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self)
    }
}
