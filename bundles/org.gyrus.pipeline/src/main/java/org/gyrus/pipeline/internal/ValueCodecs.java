package org.gyrus.pipeline.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** The codecs the disk cache knows. A value of any other type is cached in memory only. */
public final class ValueCodecs {

    private static final List<ValueCodec<?>> ALL = List.of(
            new TableCodec(), new FeatureMatrixCodec(), new VolumeCodec(), new VolumeSetCodec(), new ReportCodec(),
            new ModelArtifactCodec(), new WrittenFileCodec(),
            scalar("string", String.class, (v, o) -> Binary.writeString(o, v), Binary::readString),
            scalar("double", Double.class, (v, o) -> o.writeDouble(v), DataInputStream::readDouble),
            scalar("float", Float.class, (v, o) -> o.writeFloat(v), DataInputStream::readFloat),
            scalar("long", Long.class, (v, o) -> o.writeLong(v), DataInputStream::readLong),
            scalar("int", Integer.class, (v, o) -> o.writeInt(v), DataInputStream::readInt),
            scalar("boolean", Boolean.class, (v, o) -> o.writeBoolean(v), DataInputStream::readBoolean));

    private ValueCodecs() {
    }

    /** The codec for {@code value}, if there is one. */
    @SuppressWarnings("unchecked")
    public static Optional<ValueCodec<Object>> forValue(Object value) {
        return ALL.stream().filter(c -> c.type().isInstance(value) && ((ValueCodec<Object>) c).canWrite(value)).findFirst()
                .map(c -> (ValueCodec<Object>) c);
    }

    /** The codec with id {@code id}, if there is one. */
    @SuppressWarnings("unchecked")
    public static Optional<ValueCodec<Object>> byId(String id) {
        return ALL.stream().filter(c -> c.id().equals(id)).findFirst().map(c -> (ValueCodec<Object>) c);
    }

    private interface Writer<T> {
        void write(T value, DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static <T> ValueCodec<T> scalar(String id, Class<T> type, Writer<T> writer, Reader<T> reader) {
        return new ValueCodec<>() {
            @Override public String id() { return id; }
            @Override public int version() { return 1; }
            @Override public Class<T> type() { return type; }
            @Override public void write(T value, DataOutputStream out) throws IOException { writer.write(value, out); }
            @Override public T read(DataInputStream in) throws IOException { return reader.read(in); }
        };
    }
}
