package org.gyrus.io.bids;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import org.gyrus.data.Column;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.io.nifti.NiftiReader;

/**
 * A BIDS dataset as read by {@link BidsReader}: its description, and a table with one row per
 * subject (per subject and session when there are sessions) holding the participants.tsv columns
 * and one text column of file paths per kind of image ({@code anat/T1w}, {@code func/task-rest_bold}
 * ...). Images are read only when asked for, one subject at a time.
 */
public final class BidsDataset {

    private final Path root;
    private final JsonNode description;
    private final Table subjects;
    private final List<String> fileColumns;

    BidsDataset(Path root, JsonNode description, Table subjects, List<String> fileColumns) {
        this.root = root;
        this.description = description;
        this.subjects = subjects;
        this.fileColumns = List.copyOf(fileColumns);
    }

    /** The dataset folder. */
    public Path root() {
        return root;
    }

    /** {@code Name} from dataset_description.json. */
    public String name() {
        return description.path("Name").asText("");
    }

    /** {@code BIDSVersion} from dataset_description.json. */
    public String bidsVersion() {
        return description.path("BIDSVersion").asText("");
    }

    /** The subjects table: id columns, participants.tsv columns, then the file columns (paths relative to the root). */
    public Table subjects() {
        return subjects;
    }

    /** The names of the file columns, such as {@code anat/T1w}. */
    public List<String> fileColumns() {
        return fileColumns;
    }

    /**
     * The images of one file column, keyed by row id, loaded lazily with their sidecar JSON
     * (merged by the inheritance principle) in the metadata as {@code bids.<Key>}. Rows without a
     * file are left out.
     *
     * @throws IllegalArgumentException if there is no such file column
     */
    public VolumeSet volumes(String fileColumn) {
        if (!fileColumns.contains(fileColumn)) {
            throw new IllegalArgumentException("The dataset has no images '" + fileColumn + "'; it has " + fileColumns);
        }
        Column files = subjects.column(fileColumn);
        Column ids = subjects.idColumn().orElseThrow();
        Map<String, Supplier<Volume>> loaders = new LinkedHashMap<>();
        for (int r = 0; r < subjects.rowCount(); r++) {
            String rel = ((TextColumn) files).get(r);
            if (rel == null) {
                continue;
            }
            Path file = root.resolve(rel);
            loaders.put(ids.format(r), () -> load(file));
        }
        return VolumeSet.lazy(loaders);
    }

    private Volume load(Path file) {
        try {
            Volume v = NiftiReader.read(file);
            Map<String, JsonNode> sidecar = BidsReader.sidecar(root, file);
            if (sidecar.isEmpty()) {
                return v;
            }
            Volume.Builder b = v.toBuilder(v.image());
            sidecar.forEach((k, val) -> b.metadata("bids." + k, val.isTextual() ? val.asText() : val.toString()));
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "BidsDataset[" + name() + ", " + subjects.rowCount() + " rows, " + fileColumns + "]";
    }
}
