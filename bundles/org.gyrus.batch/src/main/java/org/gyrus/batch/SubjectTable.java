package org.gyrus.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gyrus.pipeline.Pipeline;

/**
 * A subjects table for {@code gyrus run --each}: tab-separated, a header row, one row per subject.
 * Columns named like a pipeline variable set it; other columns (age, sex...) are ignored, so a
 * BIDS {@code participants.tsv} works as it is. The subject id, which names the output folder, is
 * the {@code subject}, {@code subject_id} or {@code participant_id} column, else the first.
 *
 * @param file          the table's file
 * @param subjectColumn the column that names subjects
 * @param variables     the columns that set variables
 * @param ignored       the other columns
 * @param rows          per subject id, the variable values of its row
 */
record SubjectTable(Path file, String subjectColumn, List<String> variables, List<String> ignored, Map<String, Map<String, String>> rows) {

    private static final List<String> ID_COLUMNS = List.of("subject", "subject_id", "participant_id");

    static SubjectTable read(Path file, Pipeline pipeline) {
        List<String> lines;
        String named = "The subjects table (--each) " + WorkingDirectory.show(file);
        if (Files.isDirectory(file)) {
            throw new CliException(ExitCodes.BAD_ARGUMENTS, named + " is a folder, not a file.");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // A named pipe would block the command forever.
            throw new CliException(ExitCodes.BAD_ARGUMENTS, named + " is not a regular file (a named pipe or a device).");
        }
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCodes.BAD_ARGUMENTS, named + " does not exist.");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new CliException(ExitCodes.BAD_ARGUMENTS, named + " cannot be read: permission denied.");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new CliException(ExitCodes.BAD_ARGUMENTS, named + " is not UTF-8 text; save it as UTF-8 (tab-separated).");
        } catch (IOException e) {
            throw new CliException(ExitCodes.BAD_ARGUMENTS, "The subjects table " + WorkingDirectory.show(file) + " cannot be read: "
                    + e.getMessage());
        }
        if (lines.size() < 2) {
            throw new CliException(ExitCodes.BAD_ARGUMENTS, "The subjects table " + WorkingDirectory.show(file)
                    + " needs a header row and at least one subject row, tab-separated.");
        }
        List<String> header = List.of(lines.get(0).split("\t", -1)).stream().map(String::trim).toList();
        String idColumn = header.stream().filter(ID_COLUMNS::contains).findFirst().orElse(header.get(0));
        List<String> variables = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (String h : header) {
            if (pipeline.variable(h).isPresent()) {
                variables.add(h);
            } else if (!h.equals(idColumn)) {
                ignored.add(h);
            }
        }
        if (variables.isEmpty()) {
            throw new CliException(ExitCodes.BAD_ARGUMENTS, "No column of " + WorkingDirectory.show(file) + " " + header
                    + " is a variable of the pipeline " + pipeline.variables().stream().map(Pipeline.Variable::name).toList()
                    + "; name the columns after the variables they set.");
        }
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        Set<String> folders = new HashSet<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split("\t", -1);
            if (cells.length != header.size()) {
                throw new CliException(ExitCodes.BAD_ARGUMENTS, WorkingDirectory.show(file) + ", line " + (i + 1) + ": "
                        + cells.length + " cells but the header has " + header.size() + " columns (cells are separated by tabs).");
            }
            String id = cells[header.indexOf(idColumn)].trim();
            if (id.isEmpty() || !folders.add(folder(id))) {
                throw new CliException(ExitCodes.BAD_ARGUMENTS, WorkingDirectory.show(file) + ", line " + (i + 1) + ": the subject id '"
                        + id + "' is " + (id.isEmpty() ? "empty" : "repeated") + "; every row needs its own subject id.");
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (String v : variables) {
                values.put(v, cells[header.indexOf(v)].trim());
            }
            rows.put(id, values);
        }
        return new SubjectTable(file, idColumn, List.copyOf(variables), List.copyOf(ignored), rows);
    }

    /**
     * The output folder name of a subject id: characters unsafe in file names replaced by '_'. What
     * is left ('..', a hidden or reserved name) is checked by {@link org.gyrus.pipeline.OutputFolder#entry}.
     */
    static String folder(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
