package org.gyrus.io.bids;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.gyrus.data.Column;
import org.gyrus.data.ColumnRole;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.io.InputFile;
import org.gyrus.io.table.ColumnType;
import org.gyrus.io.table.CsvReader;

/**
 * Reads a BIDS dataset folder: {@code dataset_description.json}, {@code participants.tsv} and the
 * images {@code sub-*}/[{@code ses-*}/]{@code {anat,func,dwi,fmap,perf}/*.nii[.gz]}, into a
 * {@link BidsDataset}. Only the listing is read here; images load later, per subject.
 */
public final class BidsReader {

    /** The data type folders whose images are listed. */
    static final List<String> DATATYPES = List.of("anat", "func", "dwi", "fmap", "perf");

    private static final ObjectMapper JSON = new ObjectMapper();

    private BidsReader() {
    }

    /** Reads the dataset at {@code root}. */
    public static BidsDataset read(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new BidsFormatException(root, Files.exists(root) ? "is a file, not a BIDS dataset folder" : "no such folder");
        }
        Path descriptionFile = root.resolve("dataset_description.json");
        if (!Files.exists(descriptionFile)) {
            throw new BidsFormatException(root, "not a BIDS dataset: there is no dataset_description.json");
        }
        JsonNode description = json(descriptionFile);
        // Rows: (subject, session) in participants.tsv order, then folders not listed there.
        Map<String, Map<String, String>> files = new LinkedHashMap<>();
        TreeSet<String> columns = new TreeSet<>();
        List<String> subjectDirs = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("sub-"))
                    .map(p -> p.getFileName().toString()).sorted().forEach(subjectDirs::add);
        }
        boolean sessions = false;
        Map<String, List<String[]>> rowsBySubject = new LinkedHashMap<>();
        for (String sub : subjectDirs) {
            Path subDir = root.resolve(sub);
            List<String> sesDirs = new ArrayList<>();
            try (Stream<Path> s = Files.list(subDir)) {
                s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("ses-"))
                        .map(p -> p.getFileName().toString()).sorted().forEach(sesDirs::add);
            }
            List<String[]> rows = new ArrayList<>();
            if (sesDirs.isEmpty()) {
                rows.add(new String[] {sub, null});
                listImages(root, subDir, sub, null, files, columns);
            } else {
                sessions = true;
                for (String ses : sesDirs) {
                    rows.add(new String[] {sub, ses});
                    listImages(root, subDir.resolve(ses), sub, ses, files, columns);
                }
            }
            rowsBySubject.put(sub, rows);
        }
        Table participants = participants(root);
        List<String> order = new ArrayList<>();
        if (participants != null) {
            TextColumn ids = (TextColumn) participants.column("participant_id");
            for (int r = 0; r < ids.size(); r++) {
                order.add(ids.get(r));
            }
        }
        for (String sub : subjectDirs) {
            if (!order.contains(sub)) {
                order.add(sub);
            }
        }
        List<String[]> rows = new ArrayList<>();
        List<Integer> participantRow = new ArrayList<>();
        for (String sub : order) {
            int pr = participants == null ? -1 : indexOf((TextColumn) participants.column("participant_id"), sub);
            for (String[] row : rowsBySubject.getOrDefault(sub, List.<String[]>of(new String[] {sub, null}))) {
                rows.add(row);
                participantRow.add(pr);
            }
        }
        List<Column> out = new ArrayList<>();
        String[] rowIds = new String[rows.size()];
        String[] subs = new String[rows.size()];
        String[] sess = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            subs[i] = rows.get(i)[0];
            sess[i] = rows.get(i)[1];
            rowIds[i] = sess[i] == null ? subs[i] : subs[i] + "_" + sess[i];
        }
        if (sessions) {
            out.add(new TextColumn("id", ColumnRole.ID, rowIds));
            out.add(new TextColumn("participant_id", ColumnRole.GROUP, subs));
            out.add(new TextColumn("session_id", ColumnRole.FEATURE, sess));
        } else {
            out.add(new TextColumn("participant_id", ColumnRole.ID, subs));
        }
        if (participants != null) {
            int[] select = new int[rows.size()];
            List<Integer> missingRows = new ArrayList<>();
            for (int i = 0; i < select.length; i++) {
                select[i] = Math.max(0, participantRow.get(i));
                if (participantRow.get(i) < 0) {
                    missingRows.add(i);
                }
            }
            for (Column c : participants.columns()) {
                if (!c.name().equals("participant_id") && out.stream().noneMatch(o -> o.name().equals(c.name()))) {
                    out.add(blankRows(c, select, missingRows, rows.size()));
                }
            }
        }
        List<String> fileColumns = new ArrayList<>(columns);
        for (String col : fileColumns) {
            String[] paths = new String[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                Map<String, String> f = files.get(rowIds[i]);
                paths[i] = f == null ? null : f.get(col);
            }
            out.add(new TextColumn(col, ColumnRole.FEATURE, paths));
        }
        return new BidsDataset(root, description, new Table(out), fileColumns);
    }

    /** A participants column rearranged to the rows ({@code select}); rows without an entry are missing. */
    private static Column blankRows(Column c, int[] select, List<Integer> missingRows, int n) {
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            values[i] = missingRows.contains(i) ? null : c.format(select[i]);
        }
        if (c instanceof org.gyrus.data.NumericColumn) {
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = values[i] == null ? Double.NaN : Double.parseDouble(values[i]);
            }
            return new org.gyrus.data.NumericColumn(c.name(), c.role(), d);
        }
        if (c instanceof org.gyrus.data.CategoricalColumn) {
            return org.gyrus.data.CategoricalColumn.of(c.name(), c.role(), values);
        }
        return new TextColumn(c.name(), c.role(), values);
    }

    private static int indexOf(TextColumn c, String v) {
        for (int i = 0; i < c.size(); i++) {
            if (v.equals(c.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static Table participants(Path root) throws IOException {
        Path tsv = root.resolve("participants.tsv");
        if (!Files.exists(tsv)) {
            return null; // optional in BIDS
        }
        try {
            return CsvReader.tsv().type("participant_id", ColumnType.TEXT).role("participant_id", ColumnRole.ID).read(tsv);
        } catch (IllegalArgumentException e) {
            throw new BidsFormatException(tsv, "participants.tsv has no participant_id column", e);
        }
    }

    private static void listImages(Path root, Path dir, String sub, String ses, Map<String, Map<String, String>> files,
            TreeSet<String> columns) throws IOException {
        String rowId = ses == null ? sub : sub + "_" + ses;
        for (String datatype : DATATYPES) {
            Path d = dir.resolve(datatype);
            if (!Files.isDirectory(d)) {
                continue;
            }
            List<Path> images;
            try (Stream<Path> s = Files.list(d)) {
                images = s.filter(p -> {
                    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                    return n.endsWith(".nii") || n.endsWith(".nii.gz");
                }).sorted().toList();
            }
            for (Path img : images) {
                BidsEntities e = BidsEntities.parse(img.getFileName().toString()).orElse(null);
                if (e == null || !sub.equals("sub-" + e.entities().get("sub"))) {
                    continue; // not a BIDS name, or another subject's file: not part of this row
                }
                String col = e.columnName(datatype);
                columns.add(col);
                files.computeIfAbsent(rowId, k -> new TreeMap<>()).putIfAbsent(col, root.relativize(img).toString());
            }
        }
    }

    /**
     * The sidecar JSON of an image by the inheritance principle: every {@code .json} from the
     * dataset root down to the image's folder whose entities are a subset of the image's and whose
     * suffix matches, merged with the deeper (more specific) values winning.
     */
    static Map<String, JsonNode> sidecar(Path root, Path image) throws IOException {
        BidsEntities target = BidsEntities.parse(image.getFileName().toString()).orElse(null);
        Map<String, JsonNode> merged = new LinkedHashMap<>();
        if (target == null) {
            return merged;
        }
        List<Path> dirs = new ArrayList<>();
        Path rel = root.relativize(image.getParent());
        Path d = root;
        dirs.add(d);
        for (Path part : rel) {
            d = d.resolve(part.toString());
            dirs.add(d);
        }
        for (Path dir : dirs) {
            List<Path> jsons;
            try (Stream<Path> s = Files.list(dir)) {
                jsons = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
            }
            for (Path j : jsons) {
                BidsEntities e = BidsEntities.parse(j.getFileName().toString()).orElse(null);
                if (e == null && j.getFileName().toString().equals(target.suffix() + ".json")) {
                    e = new BidsEntities(Map.of(), target.suffix(), ".json"); // e.g. bold.json at the root
                }
                if (e == null || !e.suffix().equals(target.suffix())) {
                    continue;
                }
                boolean applies = e.entities().entrySet().stream().allMatch(en -> en.getValue().equals(target.entities().get(en.getKey())));
                if (applies) {
                    JsonNode node = json(j);
                    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                        Map.Entry<String, JsonNode> en = it.next();
                        merged.put(en.getKey(), en.getValue());
                    }
                }
            }
        }
        return merged;
    }

    private static JsonNode json(Path file) throws IOException {
        InputFile.check(file);
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (n == null || !n.isObject()) {
                throw new BidsFormatException(file, "expected a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new BidsFormatException(file, "invalid JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage(), e);
        }
    }
}
