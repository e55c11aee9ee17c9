package io.blueshift.storage.format;

import io.blueshift.columnar.ZoneMap;
import io.blueshift.columnar.vector.Vectors;
import io.blueshift.columnar.ArrowTypes;
import io.blueshift.columnar.PhysicalType;
import io.blueshift.columnar.QueryMemory;
import io.blueshift.columnar.SqlType;
import io.blueshift.kernels.Bitmaps;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;

/**
 * Encodes one column chunk (an Arrow vector) into bytes and back. A chunk is its encoding byte, a
 * flag byte (1: a validity bitmap follows), the bitmap when the chunk has NULLs, then the
 * encoding's payload. NULL rows carry a neutral value (the previous non-null value, or none for
 * strings) so they neither widen a frame nor break a run.
 */
public final class ColumnCodec {
    /** Eight bytes of a byte array as one little-endian long. */
    private static final VarHandle BYTES_AS_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Distinct values beyond which a dictionary is not tried. */
    private static final int MAX_DICTIONARY = 1 << 16;

    private ColumnCodec() {
    }

    /** An encoded chunk, the zone map of its values and the compression it got. */
    public record Encoded(byte[] bytes, Encoding encoding, ZoneMap zone, Compression compression) {
        Encoded(byte[] bytes, Encoding encoding, ZoneMap zone) {
            this(bytes, encoding, zone, Compression.NONE);
        }
    }

    /** Flag bits of a chunk's second byte. */
    private static final int HAS_VALIDITY = 1;
    private static final int COMPRESSED = 2;

    /**
     * {@link #encode(FieldVector, SqlType, int, Encoding)} then, with LZ4 or ZSTD, the chunk's
     * bytes after its encoding and flag bytes compressed when that makes them smaller (AUTO: ZSTD
     * for strings when it saves a fifth). A compressed chunk is its encoding byte, its flags with
     * {@code COMPRESSED} set, the codec byte, the raw length (int) and the compressed bytes.
     */
    public static Encoded encode(FieldVector v, SqlType type, int n, Encoding preferred, Compression compression) {
        Encoded e = encode(v, type, n, preferred);
        Compression codec = compression == Compression.AUTO
                ? (type.physical() == PhysicalType.VARCHAR ? Compression.ZSTD : Compression.NONE) : compression;
        if (codec == null || codec == Compression.NONE || e.bytes().length < 64) {
            return e;
        }
        byte[] raw = e.bytes();
        byte[] packed = codec.compress(raw, 2);
        if (packed == null || compression == Compression.AUTO && packed.length > (raw.length - 2) * 0.8) {
            return e;
        }
        ByteSink out = new ByteSink(packed.length + 7);
        out.putByte(raw[0]).putByte(raw[1] | COMPRESSED).putByte(codec.ordinal()).putInt(raw.length - 2).putBytes(packed);
        return new Encoded(out.toByteArray(), e.encoding(), e.zone(), codec);
    }

    /** Whether {@code encoding} can hold values of {@code type}. */
    public static boolean applies(Encoding encoding, SqlType type) {
        return switch (encoding) {
            case PLAIN -> true;
            case FOR, DELTA, RLE -> integerLike(type.physical());
            case DICT -> type.physical() == PhysicalType.VARCHAR || type.physical() == PhysicalType.DOUBLE;
        };
    }

    private static boolean integerLike(PhysicalType p) {
        return p == PhysicalType.SHORT || p == PhysicalType.INT || p == PhysicalType.LONG;
    }

    /**
     * Encodes the first {@code n} values of {@code v}: with {@code preferred} when it applies to the
     * type, otherwise (and for null) with the smallest encoding that applies.
     */
    public static Encoded encode(FieldVector v, SqlType type, int n, Encoding preferred) {
        int nulls = v.getNullCount();
        MemorySegment validity = nulls == 0 ? null : QueryMemory.segment(v.getValidityBuffer());
        ByteSink out = new ByteSink(64);
        PhysicalType p = type.physical();
        Encoded result;
        if (integerLike(p)) {
            result = encodeIntegers(v, p.byteWidth(), n, nulls, validity, preferred, out);
        } else if (p == PhysicalType.VARCHAR) {
            result = encodeStrings((BaseVariableWidthVector) v, n, nulls, validity, preferred, out);
        } else if (p == PhysicalType.DOUBLE && preferred != Encoding.PLAIN) {
            result = encodeDoubles(v, n, nulls, validity, preferred, out);
        } else {
            header(out, Encoding.PLAIN, validity, n);
            long bytes = p == PhysicalType.BIT ? (n + 7) / 8 : (long) n * p.byteWidth();
            out.putBytes(QueryMemory.segment(v.getDataBuffer()), 0, bytes);
            result = new Encoded(null, Encoding.PLAIN, new ZoneMap(nulls, false, 0, 0));
        }
        return new Encoded(out.toByteArray(), result.encoding(), result.zone());
    }

    private static void header(ByteSink out, Encoding e, MemorySegment validity, int n) {
        out.putByte(e.ordinal()).putByte(validity == null ? 0 : HAS_VALIDITY);
        if (validity != null) {
            out.putBytes(validity, 0, (n + 7) / 8);
        }
    }

    private static long read(MemorySegment data, int width, int i) {
        return switch (width) {
            case 2 -> data.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i);
            case 4 -> data.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i);
            default -> data.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i);
        };
    }

    private static Encoded encodeIntegers(FieldVector v, int width, int n, int nulls, MemorySegment validity,
                                          Encoding preferred, ByteSink out) {
        MemorySegment data = QueryMemory.segment(v.getDataBuffer());
        ZoneMap zone = ZoneMap.of(data, validity, width, n, nulls);
        long min = zone.min();
        long max = zone.max();
        // NULL slots repeat the previous value (the first value before the first non-null)
        long[] values = new long[n];
        long previous = 0;
        boolean any = false;
        for (int i = 0; i < n; i++) {
            if (Bitmaps.isValid(validity, i)) {
                previous = read(data, width, i);
                if (!any) {
                    Arrays.fill(values, 0, i, previous);
                    any = true;
                }
            }
            values[i] = previous;
        }
        int forBits = BitPacking.bitsFor(max - min);
        long minDelta = Long.MAX_VALUE;
        long maxDelta = Long.MIN_VALUE;
        int runs = n == 0 ? 0 : 1;
        for (int i = 1; i < n; i++) {
            long d = values[i] - values[i - 1];
            minDelta = Math.min(minDelta, d);
            maxDelta = Math.max(maxDelta, d);
            if (d != 0) {
                runs++;
            }
        }
        int deltaBits = n < 2 ? 0 : BitPacking.bitsFor(maxDelta - minDelta);
        Encoding e = preferred != null && preferred != Encoding.DICT ? preferred : Encoding.PLAIN;
        if (preferred == null || preferred == Encoding.DICT) {
            long best = (long) n * width;
            long forSize = 9 + BitPacking.bytes(n, forBits);
            long deltaSize = 17 + BitPacking.bytes(Math.max(0, n - 1), deltaBits);
            long rleSize = rleSize(values, n, runs, forBits);
            if (forSize < best) {
                best = forSize;
                e = Encoding.FOR;
            }
            if (deltaSize < best) {
                best = deltaSize;
                e = Encoding.DELTA;
            }
            if (rleSize < best) {
                e = Encoding.RLE;
            }
        }
        header(out, e, validity, n);
        switch (e) {
            case FOR -> {
                out.putLong(min).putByte(forBits);
                for (int i = 0; i < n; i++) {
                    values[i] -= min;
                }
                BitPacking.pack(values, n, forBits, out);
            }
            case DELTA -> {
                long first = n == 0 ? 0 : values[0];
                long base = n < 2 ? 0 : minDelta;
                out.putLong(first).putLong(base).putByte(deltaBits);
                for (int i = n - 1; i >= 1; i--) {
                    values[i] = values[i] - values[i - 1] - base;
                }
                if (n >= 2) {
                    long[] deltas = Arrays.copyOfRange(values, 1, n);
                    BitPacking.pack(deltas, n - 1, deltaBits, out);
                }
            }
            case RLE -> writeRuns(values, n, runs, min, forBits, out);
            default -> out.putBytes(data, 0, (long) n * width);
        }
        return new Encoded(null, e, zone);
    }

    private static long rleSize(long[] values, int n, int runs, int valueBits) {
        int longest = 0;
        int length = 0;
        for (int i = 0; i < n; i++) {
            length = i > 0 && values[i] == values[i - 1] ? length + 1 : 1;
            longest = Math.max(longest, length);
        }
        return 22 + BitPacking.bytes(runs, valueBits) + BitPacking.bytes(runs, BitPacking.bitsFor(Math.max(0, longest - 1)));
    }

    private static void writeRuns(long[] values, int n, int runs, long min, int valueBits, ByteSink out) {
        long[] runValues = new long[runs];
        long[] runLengths = new long[runs];
        int r = -1;
        long longest = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || values[i] != values[i - 1]) {
                runValues[++r] = values[i] - min;
            }
            longest = Math.max(longest, runLengths[r]);
            runLengths[r]++;
        }
        for (int i = 0; i < runs; i++) {
            runLengths[i]--;
        }
        int lengthBits = BitPacking.bitsFor(longest);
        out.putInt(runs).putLong(min).putByte(valueBits).putByte(lengthBits);
        BitPacking.pack(runValues, runs, valueBits, out);
        BitPacking.pack(runLengths, runs, lengthBits, out);
    }

    private static Encoded encodeDoubles(FieldVector v, int n, int nulls, MemorySegment validity, Encoding preferred,
                                         ByteSink out) {
        MemorySegment data = QueryMemory.segment(v.getDataBuffer());
        Map<Long, Integer> ids = new HashMap<>();
        long[] rowIds = new long[n];
        for (int i = 0; i < n && ids.size() <= MAX_DICTIONARY; i++) {
            if (Bitmaps.isValid(validity, i)) {
                rowIds[i] = ids.computeIfAbsent(data.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i), k -> ids.size());
            }
        }
        int bits = BitPacking.bitsFor(Math.max(0, ids.size() - 1));
        boolean dict = ids.size() <= MAX_DICTIONARY
                && (preferred == Encoding.DICT || 8L * ids.size() + BitPacking.bytes(n, bits) + 5 < 8L * n);
        ZoneMap zone = new ZoneMap(nulls, false, 0, 0);
        if (!dict) {
            header(out, Encoding.PLAIN, validity, n);
            out.putBytes(data, 0, 8L * n);
            return new Encoded(null, Encoding.PLAIN, zone);
        }
        header(out, Encoding.DICT, validity, n);
        long[] dictionary = new long[ids.size()];
        ids.forEach((bitsOfValue, id) -> dictionary[id] = bitsOfValue);
        out.putInt(dictionary.length);
        for (long d : dictionary) {
            out.putLong(d);
        }
        out.putByte(bits);
        BitPacking.pack(rowIds, n, bits, out);
        return new Encoded(null, Encoding.DICT, zone);
    }

    /** Bytes of one string as a map key. */
    private record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    private static Encoded encodeStrings(BaseVariableWidthVector v, int n, int nulls, MemorySegment validity,
                                         Encoding preferred, ByteSink out) {
        MemorySegment offsets = QueryMemory.segment(v.getOffsetBuffer());
        MemorySegment data = QueryMemory.segment(v.getDataBuffer());
        int start = n == 0 ? 0 : offsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, 0);
        int end = n == 0 ? 0 : offsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, n);
        ZoneMap zone = new ZoneMap(nulls, false, 0, 0);
        if (preferred == Encoding.DICT || preferred == null && n > 0) {
            // a sample decides cheaply whether a dictionary can pay
            int sample = Math.min(n, 2048);
            Set<Key> seen = new HashSet<>();
            for (int i = 0; i < sample; i++) {
                seen.add(key(offsets, data, i));
            }
            if (preferred == Encoding.DICT || seen.size() <= sample * 3 / 4) {
                Map<Key, Integer> ids = new HashMap<>();
                long[] rowIds = new long[n];
                long dictBytes = 0;
                for (int i = 0; i < n && ids.size() <= MAX_DICTIONARY; i++) {
                    if (Bitmaps.isValid(validity, i)) {
                        Key k = key(offsets, data, i);
                        Integer id = ids.get(k);
                        if (id == null) {
                            id = ids.size();
                            ids.put(k, id);
                            dictBytes += k.bytes.length;
                        }
                        rowIds[i] = id;
                    }
                }
                int bits = BitPacking.bitsFor(Math.max(0, ids.size() - 1));
                long dictSize = 8 + 4L * (ids.size() + 1) + dictBytes + 1 + BitPacking.bytes(n, bits);
                if (ids.size() <= MAX_DICTIONARY && (preferred == Encoding.DICT || dictSize < 4L * (n + 1) + (end - start) + 4)) {
                    header(out, Encoding.DICT, validity, n);
                    Key[] dictionary = new Key[ids.size()];
                    ids.forEach((k, id) -> dictionary[id] = k);
                    out.putInt(dictionary.length).putInt(Math.toIntExact(dictBytes));
                    int at = 0;
                    out.putInt(0);
                    for (Key k : dictionary) {
                        at += k.bytes.length;
                        out.putInt(at);
                    }
                    for (Key k : dictionary) {
                        out.putBytes(k.bytes);
                    }
                    out.putByte(bits);
                    BitPacking.pack(rowIds, n, bits, out);
                    return new Encoded(null, Encoding.DICT, zone);
                }
            }
        }
        header(out, Encoding.PLAIN, validity, n);
        out.putInt(end - start);
        for (int i = 0; i <= n; i++) {
            out.putInt(offsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i) - start);
        }
        out.putBytes(data, start, end - start);
        return new Encoded(null, Encoding.PLAIN, zone);
    }

    private static Key key(MemorySegment offsets, MemorySegment data, int i) {
        int from = offsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i);
        int to = offsets.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i + 1);
        byte[] b = new byte[to - from];
        MemorySegment.copy(data, ValueLayout.JAVA_BYTE, from, b, 0, b.length);
        return new Key(b);
    }

    /** Decodes a chunk of {@code n} values of {@code type} into a new vector from {@code allocator}. */
    public static FieldVector decode(MemorySegment chunk, SqlType type, String name, int n, BufferAllocator allocator) {
        ByteSource in = new ByteSource(chunk);
        Encoding e = Encoding.of(in.getByte());
        int flags = in.getByte();
        if ((flags & COMPRESSED) != 0) {
            Compression codec = Compression.of(in.getByte());
            int rawLength = in.getInt();
            byte[] packed = new byte[Math.toIntExact(chunk.byteSize() - in.position())];
            MemorySegment.copy(chunk, ValueLayout.JAVA_BYTE, in.position(), packed, 0, packed.length);
            chunk = MemorySegment.ofArray(codec.decompress(packed, 0, packed.length, rawLength));
            in = new ByteSource(chunk);
        }
        boolean hasValidity = (flags & HAS_VALIDITY) != 0;
        MemorySegment validity = null;
        if (hasValidity) {
            validity = chunk.asSlice(in.position(), (n + 7) / 8);
            in.skip((n + 7) / 8);
        }
        FieldVector v = ArrowTypes.field(name, type, true).createVector(allocator);
        try {
            PhysicalType p = type.physical();
            if (p == PhysicalType.VARCHAR) {
                decodeStrings((BaseVariableWidthVector) v, e, in, n, validity);
            } else {
                // every value is written below: Arrow's zeroing would write the buffer twice
                QueryMemory.allocateToOverwrite(v, allocator, Math.max(n, 1));
                MemorySegment out = QueryMemory.segment(v.getDataBuffer());
                if (integerLike(p) && e != Encoding.PLAIN) {
                    decodeIntegers(e, in, n, p.byteWidth(), out);
                } else if (e == Encoding.DICT) {
                    decodeDoubles(in, n, out);
                } else {
                    long bytes = p == PhysicalType.BIT ? (n + 7) / 8 : (long) n * p.byteWidth();
                    MemorySegment.copy(chunk, in.position(), out, 0, bytes);
                    in.skip(bytes);
                }
            }
            writeValidity(QueryMemory.segment(v.getValidityBuffer()), validity, n);
            v.setValueCount(n);
            return v;
        } catch (RuntimeException | Error t) {
            v.close();
            throw t;
        }
    }

    private static void writeValidity(MemorySegment to, MemorySegment validity, int n) {
        if (validity != null) {
            MemorySegment.copy(validity, 0, to, 0, (n + 7) / 8);
            return;
        }
        Vectors.setValid(to, n);
    }

    /**
     * Stores {@code n} values of {@code width} bytes into {@code out} from an array, in one bulk copy
     * (the decoders fill arrays and never write the vector value by value, as {@link BitPacking#unpack} reads).
     */
    private static void store(MemorySegment out, int width, long[] values, int n) {
        if (width == Long.BYTES) {
            MemorySegment.copy(values, 0, out, ValueLayout.JAVA_LONG_UNALIGNED, 0, n);
            return;
        }
        int[] ints = BitPacking.Scratch.get().ints(n);
        for (int i = 0; i < n; i++) {
            ints[i] = (int) values[i];
        }
        store(out, width, ints, n);
    }

    /** {@link #store(MemorySegment, int, long[], int)} of values of 2 or 4 bytes held as ints. */
    private static void store(MemorySegment out, int width, int[] values, int n) {
        if (width == Integer.BYTES) {
            MemorySegment.copy(values, 0, out, ValueLayout.JAVA_INT_UNALIGNED, 0, n);
            return;
        }
        short[] shorts = new short[n];
        for (int i = 0; i < n; i++) {
            shorts[i] = (short) values[i];
        }
        MemorySegment.copy(shorts, 0, out, ValueLayout.JAVA_SHORT_UNALIGNED, 0, n);
    }

    private static void decodeIntegers(Encoding e, ByteSource in, int n, int width, MemorySegment out) {
        BitPacking.Scratch scratch = BitPacking.Scratch.get();
        if (e == Encoding.FOR && width <= Integer.BYTES) {
            // a frame of reference of a narrow type: base plus offset fits the type, so ints hold them
            long base = in.getLong();
            int bits = in.getByte();
            int[] values = scratch.ints(n);
            BitPacking.unpack(in.data(), in.position(), bits, n, values, base);
            in.skip(BitPacking.bytes(n, bits));
            store(out, width, values, n);
            return;
        }
        long[] values = scratch.values(Math.max(n, 1));
        switch (e) {
            case FOR -> {
                long base = in.getLong();
                int bits = in.getByte();
                BitPacking.unpack(in.data(), in.position(), bits, n, values, base);
                in.skip(BitPacking.bytes(n, bits));
            }
            case DELTA -> {
                long x = in.getLong();
                long base = in.getLong();
                int bits = in.getByte();
                if (n > 1) {
                    // values[i] holds the (i + 1)-th delta: the values are their running sum from x
                    BitPacking.unpack(in.data(), in.position(), bits, n - 1, values, base);
                    in.skip(BitPacking.bytes(n - 1, bits));
                }
                long sum = x;
                for (int i = 0; i < n - 1; i++) {
                    long delta = values[i];
                    values[i] = sum;
                    sum += delta;
                }
                values[Math.max(n - 1, 0)] = sum;
            }
            case RLE -> {
                int runs = in.getInt();
                long base = in.getLong();
                int valueBits = in.getByte();
                int lengthBits = in.getByte();
                long[] runValues = new long[runs];
                long[] runLengths = new long[runs];
                BitPacking.unpack(in.data(), in.position(), valueBits, runs, runValues, base);
                in.skip(BitPacking.bytes(runs, valueBits));
                BitPacking.unpack(in.data(), in.position(), lengthBits, runs, runLengths, 1);
                in.skip(BitPacking.bytes(runs, lengthBits));
                int i = 0;
                for (int r = 0; r < runs; r++) {
                    long until = i + runLengths[r];
                    if (until > n) {
                        throw new IllegalStateException("runs hold more than " + n + " values");
                    }
                    Arrays.fill(values, i, (int) until, runValues[r]);
                    i = (int) until;
                }
                if (i != n) {
                    throw new IllegalStateException("runs hold " + i + " values, not " + n);
                }
            }
            default -> throw new IllegalStateException("encoding " + e + " for integers");
        }
        store(out, width, values, n);
    }

    private static void decodeDoubles(ByteSource in, int n, MemorySegment out) {
        int size = in.getInt();
        long[] dictionary = new long[size];
        for (int i = 0; i < size; i++) {
            dictionary[i] = in.getLong();
        }
        int bits = in.getByte();
        int[] ids = BitPacking.Scratch.get().ints(Math.max(n, 1));
        BitPacking.unpack(in.data(), in.position(), bits, n, ids, 0);
        in.skip(BitPacking.bytes(n, bits));
        long[] values = BitPacking.Scratch.get().values(Math.max(n, 1));
        for (int i = 0; i < n; i++) {
            values[i] = size == 0 ? 0 : dictionary[ids[i]];
        }
        store(out, Long.BYTES, values, n);
    }

    private static void decodeStrings(BaseVariableWidthVector v, Encoding e, ByteSource in, int n, MemorySegment validity) {
        MemorySegment chunk = in.data();
        if (e == Encoding.PLAIN) {
            int bytes = in.getInt();
            v.allocateNew(Math.max(bytes, 1), Math.max(n, 1));
            MemorySegment.copy(chunk, in.position(), QueryMemory.segment(v.getOffsetBuffer()), 0, 4L * (n + 1));
            in.skip(4L * (n + 1));
            MemorySegment.copy(chunk, in.position(), QueryMemory.segment(v.getDataBuffer()), 0, bytes);
            in.skip(bytes);
        } else if (e == Encoding.DICT) {
            // built on the heap and copied into the vector in two calls (see BitPacking.unpack)
            int size = in.getInt();
            int dictBytes = in.getInt();
            int[] dictOffsets = new int[size + 1];
            MemorySegment.copy(chunk, ByteSource.INT, in.position(), dictOffsets, 0, size + 1);
            in.skip(4L * (size + 1));
            // 8 spare bytes: values are copied a word at a time
            byte[] dictionary = new byte[dictBytes + Long.BYTES];
            MemorySegment.copy(chunk, ValueLayout.JAVA_BYTE, in.position(), dictionary, 0, dictBytes);
            in.skip(dictBytes);
            int bits = in.getByte();
            BitPacking.Scratch scratch = BitPacking.Scratch.get();
            int[] ids = scratch.ints(Math.max(n, 1));
            BitPacking.unpack(chunk, in.position(), bits, n, ids, 0);
            in.skip(BitPacking.bytes(n, bits));
            int[] lengths = new int[Math.max(size, 1)];
            int longest = 0;
            int shortest = Integer.MAX_VALUE;
            for (int id = 0; id < size; id++) {
                lengths[id] = dictOffsets[id + 1] - dictOffsets[id];
                longest = Math.max(longest, lengths[id]);
                shortest = Math.min(shortest, lengths[id]);
            }
            int[] offsets = scratch.offsets(n + 1);
            long total;
            if (validity == null && longest == shortest) {
                // values of one length (CHAR(n), flags): offsets without reading the ids
                for (int i = 0; i <= n; i++) {
                    offsets[i] = i * longest;
                }
                total = (long) n * longest;
            } else {
                total = 0;
                offsets[0] = 0;
                for (int i = 0; i < n; i++) {
                    if (validity == null || Bitmaps.isValid(validity, i)) {
                        total += lengths[ids[i]];
                    }
                    offsets[i + 1] = (int) total;
                }
            }
            byte[] data = scratch.bytes(Math.toIntExact(total + Long.BYTES));
            if (longest == 1 && shortest == 1 && validity == null) {
                byte[] single = new byte[size];
                for (int id = 0; id < size; id++) {
                    single[id] = dictionary[dictOffsets[id]];
                }
                for (int i = 0; i < n; i++) {
                    data[i] = single[ids[i]];
                }
            } else if (longest <= Long.BYTES) {
                // one word a value, no loop (a loop run once a value cost more than the copy); what
                // passes a value's end is overwritten by the next value
                for (int i = 0; i < n; i++) {
                    BYTES_AS_LONG.set(data, offsets[i], (long) BYTES_AS_LONG.get(dictionary, dictOffsets[ids[i]]));
                }
            } else {
                for (int i = 0; i < n; i++) {
                    int from = dictOffsets[ids[i]];
                    int at = offsets[i];
                    int length = offsets[i + 1] - at;
                    for (int k = 0; k < length; k += Long.BYTES) {
                        BYTES_AS_LONG.set(data, at + k, (long) BYTES_AS_LONG.get(dictionary, from + k));
                    }
                }
            }
            v.allocateNew(Math.max(total, 1), Math.max(n, 1));
            MemorySegment.copy(offsets, 0, QueryMemory.segment(v.getOffsetBuffer()), ValueLayout.JAVA_INT_UNALIGNED, 0, n + 1);
            MemorySegment.copy(data, 0, QueryMemory.segment(v.getDataBuffer()), ValueLayout.JAVA_BYTE, 0, (int) total);
        } else {
            throw new IllegalStateException("encoding " + e + " for strings");
        }
        v.setLastSet(n - 1);
    }
}
