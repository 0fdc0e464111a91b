package org.gyrus.io.nodes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.gyrus.data.ColumnRole;
import org.gyrus.data.ColumnSpec;
import org.gyrus.data.Table;
import org.gyrus.data.TableSpec;
import org.gyrus.io.table.ColumnType;
import org.gyrus.io.table.CsvReader;
import org.gyrus.pipeline.FileSet;
import org.gyrus.pipeline.NodeContext;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeType;
import org.gyrus.pipeline.SpecContext;
import org.osgi.service.component.annotations.Component;
import org.scijava.plugin.Parameter;

/** The "Read Table" node: a CSV or TSV file to a table, through {@link CsvReader}. */
@Component(service = NodeType.class)
public final class ReadTableNode implements NodeType {

    /** The node's parameters. */
    public static final class Parameters {
        /** The file. */
        @Parameter(label = "File", description = "A .csv or .tsv file", style = "open")
        public Path file;
        /** The text encoding. */
        @Parameter(label = "Encoding", description = "How the file's text is encoded: UTF-8 (with or without BOM), or Latin-1 "
                + "(ISO-8859-1) or Windows-1252 for files saved by older software. Bytes not valid in it are refused with "
                + "their line and column", choices = {"UTF-8", "Latin-1", "Windows-1252"})
        public String encoding = "UTF-8";
        /** The delimiter. */
        @Parameter(label = "Delimiter", description = "auto: tab for .tsv/.tab, comma otherwise",
                choices = {"auto", "comma", "tab", "semicolon"})
        public String delimiter = "auto";
        /** Missing tokens. */
        @Parameter(label = "Missing values", description = "Comma-separated tokens read as missing (an empty cell always is)")
        public String missing = String.join(",", CsvReader.DEFAULT_MISSING);
        /** The id column. */
        @Parameter(label = "ID column", description = "The column that identifies rows (role id), if any", required = false)
        public String idColumn = "";
        /** The label column. */
        @Parameter(label = "Label column", description = "The column to predict (role label), if any", required = false)
        public String labelColumn = "";
        /** Group columns. */
        @Parameter(label = "Group columns", description = "Comma-separated columns that splits must respect (role group)", required = false)
        public String groupColumns = "";
        /** Forced numeric columns. */
        @Parameter(label = "Numeric columns", description = "Comma-separated columns to read as numbers", required = false)
        public String numericColumns = "";
        /** Forced categorical columns. */
        @Parameter(label = "Categorical columns", description = "Comma-separated columns to read as categories", required = false)
        public String categoricalColumns = "";
        /** Forced text columns. */
        @Parameter(label = "Text columns", description = "Comma-separated columns to read as free text", required = false)
        public String textColumns = "";
    }

    private static final NodeDescriptor DESCRIPTOR = NodeDescriptor.builder("org.gyrus.io.read-table", "1.0.0")
            .name("Read Table")
            .category("Input/Output")
            .documentation("""
                    Reads a CSV or TSV file (RFC 4180 quoting) into a table. Column types are inferred — numeric, \
                    categorical (few repeated values) or text — unless listed; roles are feature unless an id, \
                    label or group column is named. The text must be UTF-8 unless another encoding is chosen; \
                    bytes that are not valid in it are refused, never replaced. Errors name the line and column.""")
            .output("table", Table.class, "The table")
            .parameters(Parameters.class)
            .files("file", Nodes.regularFiles(FileSet.DEFAULT))
            .build();

    @Override
    public NodeDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /**
     * The columns from the file's header line, their roles from the parameters, their types where
     * forced (the others are inferred from the cells, so known only when the file is read). Reports
     * a column named in a parameter that the header lacks. A file that is not there yet, or whose
     * header cannot be read here, leaves the spec unknown: the run reports what is wrong with it.
     */
    @Override
    public void configure(SpecContext context) {
        Parameters p = context.parameters(Parameters.class);
        if (p.file == null || !Files.isRegularFile(p.file) || !Files.isReadable(p.file)) {
            return;
        }
        List<String> names;
        try {
            names = delimited(p, p.file).read(headerLine(p.file, charset(p.encoding)), p.file.toString()).columnNames();
        } catch (IOException | RuntimeException e) {
            return;
        }
        Map<String, ColumnSpec.Kind> kinds = new HashMap<>();
        Map<String, ColumnRole> roles = new HashMap<>();
        boolean ok = named(context, names, p.numericColumns, "numericColumns", p.file, c -> kinds.put(c, ColumnSpec.Kind.NUMERIC))
                & named(context, names, p.categoricalColumns, "categoricalColumns", p.file, c -> kinds.put(c, ColumnSpec.Kind.CATEGORICAL))
                & named(context, names, p.textColumns, "textColumns", p.file, c -> kinds.put(c, ColumnSpec.Kind.TEXT))
                & named(context, names, p.groupColumns, "groupColumns", p.file, c -> roles.put(c, ColumnRole.GROUP))
                & named(context, names, p.idColumn, "idColumn", p.file, c -> roles.put(c, ColumnRole.ID))
                & named(context, names, p.labelColumn, "labelColumn", p.file, c -> roles.put(c, ColumnRole.LABEL));
        if (ok) {
            context.output("table", new TableSpec(names.stream()
                    .map(n -> new ColumnSpec(n, kinds.get(n), roles.getOrDefault(n, ColumnRole.FEATURE))).toList(), true));
        }
    }

    /** Applies {@code use} to each column named in {@code list}; reports (and returns false for) names the header lacks. */
    private static boolean named(SpecContext context, List<String> header, String list, String field, Path file,
            java.util.function.Consumer<String> use) {
        List<String> absent = new ArrayList<>();
        for (String c : Nodes.names(list)) {
            if (header.contains(c)) {
                use.accept(c);
            } else {
                absent.add(c);
            }
        }
        if (!absent.isEmpty()) {
            context.problem("parameters." + field, file + " has no column " + (absent.size() == 1 ? "'" + absent.get(0) + "'" : absent)
                    + "; its columns are " + header);
        }
        return absent.isEmpty();
    }

    /**
     * The first record of the file (up to the first line break outside quotes) decoded from
     * {@code charset}; at most 1 MiB is read.
     *
     * @throws IOException if the header is longer, or its bytes are not valid in the charset (the
     *     run refuses those with their line and column; names must not differ from the run's)
     */
    static String headerLine(Path file, Charset charset) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(1 << 20);
        }
        int end = 0;
        boolean quoted = false;
        while (end < head.length && (quoted || (head[end] != '\n' && head[end] != '\r'))) {
            quoted ^= head[end] == '"';
            end++;
        }
        if (end == head.length && head.length == 1 << 20) {
            throw new IOException("the header line is longer than 1 MiB");
        }
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(head, 0, end)).toString() + "\n";
    }

    private static CsvReader delimited(Parameters p, Path file) {
        return switch (p.delimiter) {
            case "comma" -> CsvReader.csv();
            case "tab" -> CsvReader.tsv();
            case "semicolon" -> CsvReader.csv().delimiter(';');
            default -> CsvReader.forFile(file);
        };
    }

    @Override
    public void execute(NodeContext context) throws Exception {
        Parameters p = context.parameters(Parameters.class);
        Path file = Nodes.inputFile(p.file, "File");
        CsvReader r = delimited(p, file).missingTokens(Nodes.names(p.missing)).encoding(charset(p.encoding));
        for (String c : Nodes.names(p.numericColumns)) {
            r = r.type(c, ColumnType.NUMERIC);
        }
        for (String c : Nodes.names(p.categoricalColumns)) {
            r = r.type(c, ColumnType.CATEGORICAL);
        }
        for (String c : Nodes.names(p.textColumns)) {
            r = r.type(c, ColumnType.TEXT);
        }
        for (String c : Nodes.names(p.groupColumns)) {
            r = r.role(c, ColumnRole.GROUP);
        }
        for (String c : Nodes.names(p.idColumn)) {
            r = r.role(c, ColumnRole.ID);
        }
        for (String c : Nodes.names(p.labelColumn)) {
            r = r.role(c, ColumnRole.LABEL);
        }
        context.output("table", r.read(file));
        context.progress(1);
    }

    /** The charset of one of the Encoding parameter's choices. */
    static Charset charset(String encoding) {
        String e = encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT);
        return switch (e) {
            case "", "utf-8", "utf8" -> StandardCharsets.UTF_8;
            case "latin-1", "latin1", "iso-8859-1" -> StandardCharsets.ISO_8859_1;
            case "windows-1252", "cp1252" -> Charset.forName("windows-1252");
            default -> throw new IllegalArgumentException("The parameter 'Encoding' is '" + encoding
                    + "'; choose UTF-8, Latin-1 or Windows-1252");
        };
    }

}
