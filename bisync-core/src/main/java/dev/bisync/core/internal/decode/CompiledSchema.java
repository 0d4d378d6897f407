package dev.bisync.core.internal.decode;

/**
 * The decoders compiled from one record schema: for a change event value, its {@code before} and {@code after}
 * structs; for a key, its struct. A null decoder means the schema has no such part.
 *
 * @param before decodes the {@code before} image
 * @param after  decodes the {@code after} image
 * @param key    decodes a record key
 */
record CompiledSchema(RowDecoder before, RowDecoder after, RowDecoder key) {
}
