package org.gyrus.workbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.gyrus.pipeline.ExamplePipeline;
import org.gyrus.pipeline.NodeDescriptor;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.pipeline.NodeRegistryListener;
import org.gyrus.pipeline.Pipeline;
import org.gyrus.pipeline.PipelineFile;
import org.gyrus.pipeline.PipelineValidationException;
import org.gyrus.pipeline.RegisteredNode;
import org.gyrus.pipeline.ResultCache;
import org.gyrus.pipeline.ValidationError;
import org.gyrus.workbench.editor.PipelineDocument;
import org.gyrus.workbench.editor.Selection;

/**
 * Everything the parts of one workbench window share: the node registry, the edited document and
 * its selection, the runs, the console and the file operations. Plain Java apart from the
 * {@code ui} executor it posts to, so the e4 parts and the UI tests build the same views on it.
 */
public final class WorkbenchSession {

    private final NodeRegistry registry;
    private final Supplier<List<ExamplePipeline>> examples;
    private final java.util.concurrent.Executor ui;
    private final Path workingDirectory;
    private final PipelineDocument document = new PipelineDocument();
    private final Selection selection = new Selection();
    private final PipelineRuns runs;
    private final ResultCache cache;
    private final Autosave autosave;
    private final List<Consumer<String>> console = new CopyOnWriteArrayList<>();
    private final List<String> consoleLines = new CopyOnWriteArrayList<>();
    private final List<Runnable> registryListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<ValidationError>>> fileProblems = new CopyOnWriteArrayList<>();
    private List<ValidationError> openProblems = List.of();
    private int threads = Runtime.getRuntime().availableProcessors();

    /**
     * @param registry         the installed node types (live)
     * @param examples         the example pipelines installed (the demo)
     * @param cache            the result cache shared with {@code gyrus run} (null: none)
     * @param ui               runs a task on the display thread
     * @param workingDirectory where {@code gyrus-out/} goes, as for {@code gyrus run}
     * @param autosaveDir      where unsaved work is kept against a crash
     */
    public WorkbenchSession(NodeRegistry registry, Supplier<List<ExamplePipeline>> examples, ResultCache cache,
            java.util.concurrent.Executor ui, Path workingDirectory, Path autosaveDir) {
        this.registry = registry;
        this.examples = examples;
        this.ui = ui;
        this.workingDirectory = workingDirectory;
        this.cache = cache;
        this.runs = new PipelineRuns(registry, cache, ui);
        this.autosave = new Autosave(autosaveDir);
        runs.addListener(new PipelineRuns.Listener() {
            @Override
            public void log(String line) {
                WorkbenchSession.this.log(line);
            }
        });
        registry.addListener(new NodeRegistryListener() {
            @Override
            public void added(RegisteredNode node) {
                ui.execute(() -> registryChanged("Node type available: " + node));
            }

            @Override
            public void removed(RegisteredNode node) {
                ui.execute(() -> registryChanged("Node type removed: " + node));
            }
        });
    }

    private void registryChanged(String line) {
        log(line);
        registryListeners.forEach(Runnable::run);
    }

    /** The node registry. */
    public NodeRegistry registry() {
        return registry;
    }

    /** The edited pipeline. */
    public PipelineDocument document() {
        return document;
    }

    /** The selected nodes. */
    public Selection selection() {
        return selection;
    }

    /** Runs of the pipeline. */
    public PipelineRuns runs() {
        return runs;
    }

    /** The result cache shared with {@code gyrus run} (null: none). */
    public ResultCache cache() {
        return cache;
    }

    /** The number of threads runs use. */
    public int threads() {
        return threads;
    }

    /** The autosave of unsaved work. */
    public Autosave autosave() {
        return autosave;
    }

    /** Posts a task to the display thread. */
    public void ui(Runnable r) {
        ui.execute(r);
    }

    /** The installed node type with id {@code id} (its first registered version). */
    public Optional<NodeDescriptor> type(String id) {
        return registry.find(id).map(RegisteredNode::descriptor);
    }

    /** Every installed node type, by name. */
    public List<NodeDescriptor> installed() {
        return registry.nodeTypes().stream().map(RegisteredNode::descriptor)
                .sorted(Comparator.comparing(NodeDescriptor::name)).toList();
    }

    /** Calls {@code r} on the display thread whenever node types come or go. */
    public void onRegistryChange(Runnable r) {
        registryListeners.add(r);
    }

    /** Adds a line to the console. */
    public void log(String line) {
        consoleLines.add(line);
        console.forEach(c -> c.accept(line));
    }

    /** Every console line so far. */
    public List<String> consoleLines() {
        return List.copyOf(consoleLines);
    }

    /** Calls {@code c} with each new console line. */
    public void onLog(Consumer<String> c) {
        console.add(c);
    }

    /** Problems found when opening a file (not the validator's): a malformed file, a newer format. */
    public List<ValidationError> openProblems() {
        return openProblems;
    }

    /** Calls {@code c} when opening a file found problems, or cleared them. */
    public void onOpenProblems(Consumer<List<ValidationError>> c) {
        fileProblems.add(c);
    }

    private void setOpenProblems(List<ValidationError> problems) {
        openProblems = List.copyOf(problems);
        fileProblems.forEach(c -> c.accept(openProblems));
    }

    /** The number of threads runs use. */
    public void threads(int n) {
        threads = n;
    }

    // ----- files ------------------------------------------------------------------------------

    /**
     * Opens a pipeline file. A file that cannot be read (malformed JSON, a newer format) leaves the
     * current document as it was and reports why as a problem naming the file.
     *
     * @return whether the file was opened
     */
    public boolean open(Path file) {
        try {
            Pipeline p = PipelineFile.read(file);
            document.load(p, file.toAbsolutePath().normalize());
            selection.set(java.util.Set.of());
            runs.statuses().clear();
            setOpenProblems(List.of());
            log("Opened " + file);
            return true;
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            setOpenProblems(List.of(new ValidationError(null, file.getFileName().toString(), "Cannot open " + file + ": " + why)));
            log("Cannot open " + file + ": " + why);
            return false;
        }
    }

    /**
     * Opens the pipeline that made a result, with the variable values of that run (a file dropped
     * on the workbench, led back by its stamp or provenance record). It is unsaved: its file is
     * the user's to choose.
     */
    public void openOrigin(org.gyrus.pipeline.PipelineOrigin origin) {
        document.load(origin.pipelineWithValues(), null);
        selection.set(java.util.Set.of());
        runs.statuses().clear();
        setOpenProblems(List.of());
        log("Opened the pipeline that made " + origin.source() + " with its variable values " + origin.variables());
    }

    /** Starts a new, empty pipeline. */
    public void newPipeline() {
        document.load(Pipeline.named("untitled"), null);
        runs.statuses().clear();
        setOpenProblems(List.of());
    }

    /** Loads the example pipeline {@code name} (the demo), writing into {@code gyrus-out/NAME}, unsaved. */
    public boolean loadExample(String name) {
        Optional<ExamplePipeline> ex = examples.get().stream().filter(e -> e.name().equals(name)).findFirst();
        if (ex.isEmpty()) {
            log("No example pipeline named '" + name + "' is installed.");
            return false;
        }
        Pipeline p = ex.get().build(registry, outputDirectory(name));
        // Laid out by the editor's own layout, which knows how tall each node's box is.
        org.gyrus.workbench.editor.SceneGeometry g = new org.gyrus.workbench.editor.SceneGeometry(p, this::type);
        p = org.gyrus.workbench.editor.PipelineEdits.place(p, new org.gyrus.workbench.editor.LayeredLayout(250, 90)
                .positions(p, id -> g.box(id).map(org.gyrus.workbench.editor.SceneGeometry.Box::height).orElse(60.0)));
        document.load(p, null);
        runs.statuses().clear();
        setOpenProblems(List.of());
        log("Loaded the example '" + name + "': " + ex.get().summary());
        return true;
    }

    /** Writes the pipeline (with node positions) to {@code file} and makes it the document's file. */
    public void saveAs(Path file) throws IOException {
        PipelineFile.write(document.pipeline(), file);
        document.markSaved(file.toAbsolutePath().normalize());
        autosave.discard();
        log("Saved " + file);
    }

    /** The output folder of a run, as {@code gyrus run} picks it: {@code gyrus-out/NAME}, NAME from the file name. */
    public Path outputDirectory(String name) {
        return workingDirectory.resolve("gyrus-out").resolve(name);
    }

    /** The output folder for the current document. */
    public Path outputDirectory() {
        String name = document.file().map(f -> {
            String s = f.getFileName().toString();
            return s.endsWith(".gyrus.json") ? s.substring(0, s.length() - ".gyrus.json".length())
                    : s.endsWith(".json") ? s.substring(0, s.length() - 5) : s;
        }).orElse(document.pipeline().name().isBlank() ? "untitled" : document.pipeline().name().replaceAll("[^A-Za-z0-9_.-]", "_"));
        return outputDirectory(name);
    }

    // ----- runs -------------------------------------------------------------------------------

    /** Runs the whole pipeline; problems go to the console. */
    public boolean runAll() {
        return start(document.pipeline());
    }

    /** Runs {@code node} and what it needs. */
    public boolean runTo(String node) {
        return start(PipelineRuns.upTo(document.pipeline(), node));
    }

    private boolean start(Pipeline p) {
        try {
            Files.createDirectories(outputDirectory());
            runs.start(p, document.file().orElse(null), outputDirectory(), Map.of(), threads);
            return true;
        } catch (PipelineValidationException e) {
            List<String> lines = new ArrayList<>();
            e.errors().forEach(err -> lines.add("  " + err));
            log("The pipeline cannot run:\n" + String.join("\n", lines));
        } catch (IOException | RuntimeException e) {
            log("The run could not start: " + e.getMessage());
        }
        return false;
    }
}
