package org.gyrus.io.bids;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.gyrus.data.ColumnRole;
import org.gyrus.data.Table;
import org.gyrus.data.TextColumn;
import org.gyrus.data.Volume;
import org.gyrus.data.VolumeSet;
import org.gyrus.data.XformCode;
import org.gyrus.io.nifti.NiftiWriter;
import org.joml.Matrix4d;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BidsReaderTest {

    @TempDir
    Path root;

    private void image(String rel, float value) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        float[] data = new float[2 * 2 * 2];
        java.util.Arrays.fill(data, value);
        NiftiWriter.nifti1().write(Volume.builder(data, 2, 2, 2).affine(new Matrix4d(), XformCode.SCANNER_ANAT).build(), p);
    }

    private void text(String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    @Test
    void subjectsTableWithFileColumnsAndLazyVolumes() throws IOException {
        text("dataset_description.json", "{\"Name\": \"Toy\", \"BIDSVersion\": \"1.8.0\"}");
        text("participants.tsv", "participant_id\tage\tsex\tgroup\nsub-02\t31\tF\tpatient\nsub-01\tn/a\tM\tcontrol\nsub-03\t40\tM\tpatient\n");
        text("task-rest_bold.json", "{\"RepetitionTime\": 2.0, \"TaskName\": \"rest\"}");
        image("sub-01/anat/sub-01_T1w.nii.gz", 1);
        image("sub-01/func/sub-01_task-rest_bold.nii.gz", 11);
        text("sub-01/func/sub-01_task-rest_bold.json", "{\"RepetitionTime\": 2.5}");
        image("sub-02/anat/sub-02_T1w.nii", 2);
        image("sub-04/anat/sub-04_T1w.nii.gz", 4);
        text("sub-04/anat/notes.txt", "not an image");
        image("sub-04/anat/sub-04_T1w_extra.nii.gz", 4); // not a BIDS name: ignored
        BidsDataset ds = BidsReader.read(root);
        assertEquals("Toy", ds.name());
        assertEquals("1.8.0", ds.bidsVersion());
        Table t = ds.subjects();
        assertEquals(List.of("participant_id", "age", "sex", "group", "anat/T1w", "func/task-rest_bold"), t.columnNames());
        TextColumn ids = (TextColumn) t.column("participant_id");
        assertEquals(List.of("sub-02", "sub-01", "sub-03", "sub-04"), List.of(ids.get(0), ids.get(1), ids.get(2), ids.get(3)));
        assertEquals(ColumnRole.ID, ids.role());
        assertArrayEquals(new double[] {31, Double.NaN, 40, Double.NaN}, t.numeric("age").toArray());
        assertEquals("patient", t.categorical("group").get(0));
        assertNull(t.categorical("group").get(3));
        TextColumn t1 = (TextColumn) t.column("anat/T1w");
        assertEquals("sub-02/anat/sub-02_T1w.nii", t1.get(0));
        assertNull(t1.get(2)); // sub-03 has no folder
        assertEquals(List.of("anat/T1w", "func/task-rest_bold"), ds.fileColumns());
        VolumeSet anat = ds.volumes("anat/T1w");
        assertEquals(List.of("sub-02", "sub-01", "sub-04"), anat.ids());
        assertEquals(2f, anat.get("sub-02").toFloatArray()[0]);
        Volume bold = ds.volumes("func/task-rest_bold").get("sub-01");
        assertEquals("2.5", bold.metadata().get("bids.RepetitionTime")); // the file's sidecar wins over the root's
        assertEquals("rest", bold.metadata().get("bids.TaskName"));
        assertThrows(IllegalArgumentException.class, () -> ds.volumes("dwi/dwi"));
    }

    @Test
    void sessionsGiveOneRowPerSubjectAndSession() throws IOException {
        text("dataset_description.json", "{\"Name\": \"Sessions\", \"BIDSVersion\": \"1.8.0\"}");
        image("sub-01/ses-1/anat/sub-01_ses-1_T1w.nii.gz", 1);
        image("sub-01/ses-2/anat/sub-01_ses-2_T1w.nii.gz", 2);
        image("sub-01/ses-2/dwi/sub-01_ses-2_dwi.nii.gz", 3);
        image("sub-02/ses-1/anat/sub-02_ses-1_run-1_T1w.nii.gz", 4);
        BidsDataset ds = BidsReader.read(root);
        Table t = ds.subjects();
        assertEquals(List.of("id", "participant_id", "session_id", "anat/T1w", "anat/run-1_T1w", "dwi/dwi"), t.columnNames());
        assertEquals(3, t.rowCount());
        assertEquals(ColumnRole.GROUP, t.column("participant_id").role());
        assertEquals(List.of("sub-01_ses-1", "sub-01_ses-2", "sub-02_ses-1"), List.of(((TextColumn) t.column("id")).get(0),
                ((TextColumn) t.column("id")).get(1), ((TextColumn) t.column("id")).get(2)));
        assertEquals(List.of("sub-01_ses-1", "sub-01_ses-2"), ds.volumes("anat/T1w").ids());
        assertEquals(3f, ds.volumes("dwi/dwi").get("sub-01_ses-2").toFloatArray()[0]);
    }

    @Test
    void entitiesAreParsedFromNames() {
        BidsEntities e = BidsEntities.parse("sub-01_ses-2_task-rest_run-1_bold.nii.gz").orElseThrow();
        assertEquals(Map.of("sub", "01", "ses", "2", "task", "rest", "run", "1"), e.entities());
        assertEquals(List.of("sub", "ses", "task", "run"), List.copyOf(e.entities().keySet()));
        assertEquals("bold", e.suffix());
        assertEquals(".nii.gz", e.extension());
        assertEquals("func/task-rest_run-1_bold", e.columnName("func"));
        assertTrue(BidsEntities.parse("notes.txt").isEmpty());
        assertTrue(BidsEntities.parse("sub-01_T1w_extra.nii").isEmpty());
        assertTrue(BidsEntities.parse("sub-01_sub-02_T1w.nii").isEmpty());
    }

    @Test
    void notADatasetAndBrokenJsonAreNamed() throws IOException {
        BidsFormatException e = assertThrows(BidsFormatException.class, () -> BidsReader.read(root));
        assertTrue(e.getMessage().contains("dataset_description.json"), e.getMessage());
        text("dataset_description.json", "{\"Name\": ");
        BidsFormatException j = assertThrows(BidsFormatException.class, () -> BidsReader.read(root));
        assertTrue(j.getMessage().contains("invalid JSON"), j.getMessage());
        text("dataset_description.json", "{\"Name\": \"x\"}");
        text("participants.tsv", "subject\tage\nsub-01\t3\n");
        BidsFormatException p = assertThrows(BidsFormatException.class, () -> BidsReader.read(root));
        assertTrue(p.getMessage().contains("participant_id"), p.getMessage());
    }
}
