package org.gyrus.plugins.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.IProvisioningAgentProvider;
import org.eclipse.equinox.p2.core.ProvisionException;
import org.eclipse.equinox.p2.core.UIServices;
import org.eclipse.equinox.p2.engine.IEngine;
import org.eclipse.equinox.p2.engine.IProfile;
import org.eclipse.equinox.p2.engine.IProfileRegistry;
import org.eclipse.equinox.p2.engine.IProvisioningPlan;
import org.eclipse.equinox.p2.engine.PhaseSetFactory;
import org.eclipse.equinox.p2.engine.ProvisioningContext;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.metadata.IProvidedCapability;
import org.eclipse.equinox.p2.planner.IPlanner;
import org.eclipse.equinox.p2.planner.IProfileChangeRequest;
import org.eclipse.equinox.p2.query.IQueryable;
import org.eclipse.equinox.p2.query.QueryUtil;
import org.eclipse.equinox.p2.metadata.IArtifactKey;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepository;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepositoryManager;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepository;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;
import org.gyrus.data.AtomicFile;
import org.gyrus.pipeline.NodeRegistry;
import org.gyrus.plugins.Change;
import org.gyrus.plugins.Feature;
import org.gyrus.plugins.InstalledPlugin;
import org.gyrus.plugins.PluginException;
import org.gyrus.plugins.PluginException.Kind;
import org.gyrus.plugins.Plugins;
import org.gyrus.plugins.TrustPolicy;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@link Plugins} on p2: a provisioning agent on the installation's own p2 data area, the profile
 * the product was materialised with, the planner and the engine. The agent treats the installation
 * as p2's director does with {@code -destination}: it writes the profile and the configuration
 * ({@code bundles.info}) of the installation, which the next start reads; the running framework is
 * brought in line by {@link RunningBundles}.
 */
@Component(service = Plugins.class)
public final class P2Plugins implements Plugins {

    /** Profile property of a root feature installed as a plug-in: the repository it came from. */
    static final String SOURCE = "org.gyrus.plugins.source";
    /** Profile property of a root feature installed as a plug-in: the trust choice made. */
    static final String TRUST = "org.gyrus.plugins.trust";
    private static final String GROUP = ".feature.group";

    private BundleContext context;
    /** The installation, when not the running one's (tests); null: {@code osgi.install.area}. */
    private Path installation;
    private String profile;
    /**
     * The timestamp of the profile this framework started with (read as the service starts, with
     * the framework), or -1: only while the profile is still that one do the node types in the
     * running registry show what a start of the installation shows, for {@link PluginIndex}.
     */
    private volatile long startedWith = -1;

    /** The service on the running installation (Declarative Services). */
    public P2Plugins() {
    }

    /**
     * The service on another p2 installation, whose bundles are still brought into (and taken out
     * of) the framework of {@code context}: what the workbench's UI tests install into.
     *
     * @param installation its folder: {@code p2/} with the profile, the bundle pool, {@code configuration/}
     * @param profileId    its p2 profile
     */
    public P2Plugins(BundleContext context, Path installation, String profileId) {
        this.context = context;
        this.installation = installation.toAbsolutePath().normalize();
        this.profile = profileId;
    }

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        try {
            startedWith = PluginIndex.currentTimestamp(installFolder(), profileId()).orElse(-1L);
        } catch (PluginException e) {
            startedWith = -1;
        }
    }

    /** The installation's folder (where {@code plugins/}, {@code p2/} and {@code configuration/} are). */
    Path installFolder() throws PluginException {
        if (installation != null) {
            return installation;
        }
        String area = context.getProperty("osgi.install.area");
        if (area == null) {
            throw new PluginException(Kind.FAILED, "this Gyrus has no installation folder (osgi.install.area is not set)");
        }
        try {
            return Path.of(new URI(area.replace(" ", "%20"))).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new PluginException(Kind.FAILED, "cannot read the installation folder " + area + ": " + e.getMessage());
        }
    }

    /** This bundle, which carries Gyrus's own trusted signer, whichever context the service runs with. */
    private static Bundle ownBundle() {
        return org.osgi.framework.FrameworkUtil.getBundle(P2Plugins.class);
    }

    private String profileId() {
        if (profile != null) {
            return profile;
        }
        String id = context.getProperty("eclipse.p2.profile");
        return id == null || id.isBlank() ? "DefaultProfile" : id;
    }

    /** One agent for one operation: opened on the installation's p2 folder, stopped at the end. */
    private final class Session implements AutoCloseable {
        final IProvisioningAgent agent;
        final IProfileRegistry profiles;
        final IMetadataRepositoryManager metadata;
        final IArtifactRepositoryManager artifacts;
        final Path install;
        final List<URI> loaded = new ArrayList<>();

        Session() throws PluginException {
            install = installFolder();
            ServiceReference<IProvisioningAgentProvider> ref = context.getServiceReference(IProvisioningAgentProvider.class);
            if (ref == null) {
                throw new PluginException(Kind.FAILED, "p2 is not available in this Gyrus (org.eclipse.equinox.p2.core did not start)");
            }
            try {
                agent = context.getService(ref).createAgent(install.resolve("p2").toUri());
            } catch (ProvisionException e) {
                throw new PluginException(Kind.FAILED, "cannot open the installation's p2 data in " + install.resolve("p2") + ": "
                        + Explanation.of(e.getStatus()), e);
            } finally {
                context.ungetService(ref);
            }
            // The installation's profile is "self": p2 then moves a roaming profile (as products are) to
            // where the installation is now, so a copied or moved Gyrus installs into itself.
            agent.registerService("FORCED_SELF", profileId());
            profiles = agent.getService(IProfileRegistry.class);
            metadata = agent.getService(IMetadataRepositoryManager.class);
            artifacts = agent.getService(IArtifactRepositoryManager.class);
        }

        IProfile profile() throws PluginException {
            IProfile p = profiles.getProfile(profileId());
            if (p == null) {
                throw new PluginException(Kind.FAILED, "the installation in " + install + " has no p2 profile " + profileId()
                        + ": it was not installed by p2, so plug-ins cannot be added to it");
            }
            return p;
        }

        IMetadataRepository load(URI uri, String source) throws PluginException {
            try {
                boolean known = metadata.contains(uri);
                IMetadataRepository repo = metadata.loadRepository(uri, new NullProgressMonitor());
                artifacts.loadRepository(uri, new NullProgressMonitor());
                if (!known) {
                    loaded.add(uri);
                }
                return repo;
            } catch (ProvisionException e) {
                throw new PluginException(Kind.BAD_SOURCE, "cannot read a p2 repository at " + source + " (" + uri + "):\n"
                        + Explanation.of(e.getStatus()), e);
            } catch (RuntimeException e) {
                throw new PluginException(Kind.BAD_SOURCE, "cannot read a p2 repository at " + source + " (" + uri + "): " + e, e);
            }
        }

        @Override
        public void close() {
            // The repositories used are not remembered: every command names its source.
            for (URI uri : loaded) {
                metadata.removeRepository(uri);
                artifacts.removeRepository(uri);
            }
            agent.stop();
        }
    }

    @Override
    public List<Feature> offered(String source) throws PluginException {
        URI uri = RepositorySource.parse(source, RepositorySource.workingDirectory());
        try (Session s = new Session()) {
            IMetadataRepository repo = s.load(uri, source);
            return features(repo);
        }
    }

    private static List<Feature> features(IQueryable<IInstallableUnit> where) {
        List<Feature> list = new ArrayList<>();
        for (IInstallableUnit iu : where.query(QueryUtil.createLatestQuery(QueryUtil.createIUGroupQuery()), null)) {
            if (iu.getId().endsWith(GROUP)) {
                list.add(feature(iu));
            }
        }
        list.sort(Comparator.comparing(Feature::id));
        return list;
    }

    static Feature feature(IInstallableUnit iu) {
        String id = iu.getId().endsWith(GROUP) ? iu.getId().substring(0, iu.getId().length() - GROUP.length()) : iu.getId();
        String name = iu.getProperty(IInstallableUnit.PROP_NAME, null);
        String provider = iu.getProperty(IInstallableUnit.PROP_PROVIDER, null);
        return new Feature(id, iu.getVersion().toString(), name == null || name.startsWith("%") ? id : name,
                provider == null || provider.startsWith("%") ? "" : provider);
    }

    private static String groupId(String featureId) {
        return featureId.endsWith(GROUP) ? featureId : featureId + GROUP;
    }

    @Override
    public Change install(String source, List<String> featureIds, TrustPolicy trust) throws PluginException {
        URI uri = RepositorySource.parse(source, RepositorySource.workingDirectory());
        try (Session s = new Session()) {
            IMetadataRepository repo = s.load(uri, source);
            List<IInstallableUnit> wanted = new ArrayList<>();
            for (String id : featureIds) {
                Set<IInstallableUnit> found = repo.query(QueryUtil.createLatestQuery(QueryUtil.createIUQuery(groupId(id))), null).toUnmodifiableSet();
                if (found.isEmpty()) {
                    List<String> offered = features(repo).stream().map(Feature::id).toList();
                    throw new PluginException(Kind.UNKNOWN_FEATURE, "the repository " + source + " offers no feature " + id
                            + (offered.isEmpty() ? "; it offers no features at all" : "; it offers: " + String.join(", ", offered)));
                }
                wanted.addAll(found);
            }
            IProfile profile = s.profile();
            TrustDecision decision = new TrustDecision(trust, TrustedSigners.read(ownBundle(), s.install));
            IPlanner planner = s.agent.getService(IPlanner.class);
            IProfileChangeRequest request = planner.createChangeRequest(profile);
            for (IInstallableUnit iu : wanted) {
                request.add(iu);
                request.setInstallableUnitProfileProperty(iu, IProfile.PROP_PROFILE_ROOT_IU, Boolean.TRUE.toString());
                request.setInstallableUnitProfileProperty(iu, SOURCE, uri.toString());
                request.setInstallableUnitProfileProperty(iu, TRUST, decision.choice());
            }
            perform(s, profile, request, List.of(uri), decision, "install " + String.join(", ", featureIds));
            return new Change(wanted.stream().map(P2Plugins::feature).toList(), List.of());
        }
    }

    @Override
    public Change uninstall(String featureId) throws PluginException {
        try (Session s = new Session()) {
            IProfile profile = s.profile();
            IInstallableUnit iu = installedPlugin(profile, featureId);
            IPlanner planner = s.agent.getService(IPlanner.class);
            IProfileChangeRequest request = planner.createChangeRequest(profile);
            request.remove(iu);
            perform(s, profile, request, List.of(), new TrustDecision(TrustPolicy.strict(), Set.of()), "uninstall " + featureId);
            return new Change(List.of(), List.of(feature(iu)));
        }
    }

    private static IInstallableUnit installedPlugin(IProfile profile, String featureId) throws PluginException {
        Set<IInstallableUnit> found = profile.query(QueryUtil.createIUQuery(groupId(featureId)), null).toUnmodifiableSet();
        if (found.isEmpty()) {
            List<String> plugins = plugins(profile).stream().map(iu -> feature(iu).id()).toList();
            throw new PluginException(Kind.UNKNOWN_FEATURE, "no plug-in " + featureId + " is installed"
                    + (plugins.isEmpty() ? " (no plug-ins are installed)" : "; installed plug-ins: " + String.join(", ", plugins)));
        }
        IInstallableUnit iu = found.iterator().next();
        if (profile.getInstallableUnitProperty(iu, SOURCE) == null) {
            throw new PluginException(Kind.UNKNOWN_FEATURE, featureId + " is part of Gyrus itself, not a plug-in installed with"
                    + " gyrus install; it cannot be uninstalled");
        }
        return iu;
    }

    @Override
    public Change update(Optional<String> featureId, TrustPolicy trust) throws PluginException {
        try (Session s = new Session()) {
            IProfile profile = s.profile();
            List<IInstallableUnit> targets = featureId.isPresent() ? List.of(installedPlugin(profile, featureId.get())) : plugins(profile);
            IPlanner planner = s.agent.getService(IPlanner.class);
            IProfileChangeRequest request = planner.createChangeRequest(profile);
            TrustDecision decision = new TrustDecision(trust, TrustedSigners.read(ownBundle(), s.install));
            List<Feature> added = new ArrayList<>();
            List<Feature> removed = new ArrayList<>();
            Set<URI> sources = new HashSet<>();
            for (IInstallableUnit old : targets) {
                URI uri = URI.create(profile.getInstallableUnitProperty(old, SOURCE));
                IMetadataRepository repo = s.load(uri, uri.toString());
                sources.add(uri);
                Optional<IInstallableUnit> newest = repo.query(QueryUtil.createLatestQuery(QueryUtil.createIUQuery(old.getId())), null)
                        .stream().findFirst();
                if (newest.isEmpty() || newest.get().getVersion().compareTo(old.getVersion()) <= 0) {
                    continue;
                }
                IInstallableUnit iu = newest.get();
                request.remove(old);
                request.add(iu);
                request.setInstallableUnitProfileProperty(iu, IProfile.PROP_PROFILE_ROOT_IU, Boolean.TRUE.toString());
                request.setInstallableUnitProfileProperty(iu, SOURCE, uri.toString());
                request.setInstallableUnitProfileProperty(iu, TRUST, decision.choice());
                added.add(feature(iu));
                removed.add(feature(old));
            }
            if (!added.isEmpty()) {
                perform(s, profile, request, List.copyOf(sources), decision, "update");
            }
            return new Change(added, removed);
        }
    }

    /**
     * Plans and performs one change as a transaction: nothing is written unless the plan is
     * complete, every artifact's checksum matches and the trust policy accepts every signer; on
     * success the running framework and the provenance origins follow the new profile.
     */
    private void perform(Session s, IProfile before, IProfileChangeRequest request, List<URI> repositories, TrustDecision decision,
            String what) throws PluginException {
        IPlanner planner = s.agent.getService(IPlanner.class);
        IEngine engine = s.agent.getService(IEngine.class);
        if (planner == null || engine == null) {
            throw new PluginException(Kind.FAILED, "p2's planner or engine did not start in this Gyrus");
        }
        ProvisioningContext provisioning = new ProvisioningContext(s.agent);
        provisioning.setMetadataRepositories(repositories.toArray(URI[]::new));
        provisioning.setArtifactRepositories(repositories.toArray(URI[]::new));
        // Only the named repositories: never other sites they refer to.
        provisioning.setProperty(ProvisioningContext.FOLLOW_REPOSITORY_REFERENCES, Boolean.FALSE.toString());
        IProvisioningPlan plan = planner.getProvisioningPlan(request, provisioning, new NullProgressMonitor());
        if (!plan.getStatus().isOK() && plan.getStatus().getSeverity() != IStatus.INFO && plan.getStatus().getSeverity() != IStatus.WARNING) {
            throw new PluginException(Kind.UNSATISFIED, "cannot " + what + "; p2's planner says:\n" + Explanation.of(plan.getStatus()));
        }
        // Read before performing: a profile p2 hands out follows later changes.
        Map<String, String> bundlesBefore = bundles(before);
        Set<IArtifactKey> artifactsBefore = new HashSet<>();
        before.query(QueryUtil.createIUAnyQuery(), null).forEach(iu -> artifactsBefore.addAll(iu.getArtifacts()));
        s.agent.registerService(UIServices.SERVICE_NAME, decision);
        IStatus status;
        try {
            status = engine.perform(plan, PhaseSetFactory.createDefaultPhaseSet(), new NullProgressMonitor());
        } finally {
            s.agent.unregisterService(UIServices.SERVICE_NAME, decision);
        }
        if (!decision.refused().isEmpty() || status.getSeverity() == IStatus.ERROR || status.getSeverity() == IStatus.CANCEL) {
            // p2 rolled the profile back; what its collect phase already fetched goes too.
            Set<IArtifactKey> fetched = new HashSet<>();
            plan.getAdditions().query(QueryUtil.createIUAnyQuery(), null).forEach(iu -> fetched.addAll(iu.getArtifacts()));
            fetched.removeAll(artifactsBefore);
            removeUnusedArtifacts(s, fetched, s.profile());
        }
        if (!decision.refused().isEmpty()) {
            throw new PluginException(Kind.UNTRUSTED, "refused to " + what + ": p2 checked the signatures and found content nobody trusts:\n  "
                    + String.join("\n  ", decision.refused())
                    + "\nInstall it only if you trust where it comes from: add the signer's SHA-256 fingerprint to a file given with"
                    + " --trusted-signers FILE, or accept unsigned and unknown content with --trust-unsigned.");
        }
        if (status.getSeverity() == IStatus.ERROR || status.getSeverity() == IStatus.CANCEL) {
            throw new PluginException(Kind.FAILED, "cannot " + what + "; p2 says:\n" + Explanation.of(status));
        }
        IProfile after = s.profile();
        removeUnusedArtifacts(s, artifactsBefore, after);
        Map<String, String> bundlesAfter = bundles(after);
        Origins.rememberRemoved(s.install, nodeTypesOf(removed(bundlesBefore, bundlesAfter)));
        RunningBundles.apply(context, s.install, bundlesBefore, bundlesAfter);
        List<InstalledPlugin> now = describe(after, s.install);
        Origins.write(s.install, now);
        index(s.install, after.getTimestamp(), now, false);
    }

    /**
     * Deletes from the installation's bundle pool the artifacts (jars, feature folders) of units
     * the change removed and nothing installed still uses, as p2's garbage collector would: an
     * uninstalled plug-in leaves no files behind, and a later install fetches its artifacts afresh.
     */
    private static void removeUnusedArtifacts(Session s, Set<IArtifactKey> candidates, IProfile after) {
        Set<IArtifactKey> used = new HashSet<>();
        for (IInstallableUnit iu : after.query(QueryUtil.createIUAnyQuery(), null)) {
            used.addAll(iu.getArtifacts());
        }
        Set<IArtifactKey> unused = new HashSet<>(candidates);
        unused.removeAll(used);
        if (unused.isEmpty()) {
            return;
        }
        String cache = after.getProperty(IProfile.PROP_CACHE);
        URI pool = (cache == null ? s.install : Path.of(cache)).toUri();
        try {
            boolean known = s.artifacts.contains(pool);
            IArtifactRepository repository = s.artifacts.loadRepository(pool, new NullProgressMonitor());
            IStatus removed = repository.executeBatch(
                    monitor -> unused.forEach(key -> repository.removeDescriptor(key, new NullProgressMonitor())), new NullProgressMonitor());
            if (!removed.isOK()) {
                throw new ProvisionException(removed);
            }
            if (!known) {
                s.artifacts.removeRepository(pool);
            }
        } catch (ProvisionException e) {
            // The change is made; files left in the pool only take space.
            System.getLogger(P2Plugins.class.getName()).log(System.Logger.Level.WARNING,
                    "could not remove unused files from " + pool + ": " + Explanation.of(e.getStatus()));
        }
    }

    private static java.util.Set<String> removed(Map<String, String> before, Map<String, String> after) {
        java.util.Set<String> names = new java.util.HashSet<>();
        before.forEach((key, name) -> {
            if (!after.containsKey(key)) {
                names.add(name);
            }
        });
        return names;
    }

    /** The node types the running registry has from {@code bundles}: id to bundle. */
    private Map<String, String> nodeTypesOf(java.util.Set<String> bundles) {
        Map<String, String> map = new LinkedHashMap<>();
        ServiceReference<NodeRegistry> ref = context.getServiceReference(NodeRegistry.class);
        NodeRegistry registry = ref == null ? null : context.getService(ref);
        if (registry == null) {
            return map;
        }
        try {
            java.util.stream.Stream.concat(registry.nodeTypes().stream(), registry.duplicates().stream())
                    .filter(n -> bundles.contains(n.bundle())).forEach(n -> map.put(n.id(), n.bundle()));
        } finally {
            context.ungetService(ref);
        }
        return map;
    }

    /** Bundle IUs of a profile: id_version to symbolic name. */
    private static Map<String, String> bundles(IProfile profile) {
        Map<String, String> map = new LinkedHashMap<>();
        for (IInstallableUnit iu : profile.query(QueryUtil.createIUAnyQuery(), null)) {
            for (IProvidedCapability c : iu.getProvidedCapabilities()) {
                if ("osgi.bundle".equals(c.getNamespace())) {
                    map.put(iu.getId() + "_" + iu.getVersion(), iu.getId());
                }
            }
        }
        return map;
    }

    /** Root features installed as plug-ins. */
    private static List<IInstallableUnit> plugins(IProfile profile) {
        List<IInstallableUnit> list = new ArrayList<>();
        for (IInstallableUnit iu : profile.query(QueryUtil.createIUGroupQuery(), null)) {
            if (profile.getInstallableUnitProperty(iu, SOURCE) != null) {
                list.add(iu);
            }
        }
        list.sort(Comparator.comparing(IInstallableUnit::getId));
        return list;
    }

    /**
     * The plug-ins from {@link PluginIndex} while it describes the current profile; otherwise read
     * through p2 (an agent that loads the whole profile) and the index rewritten.
     */
    @Override
    public List<InstalledPlugin> installed() throws PluginException {
        Path install = installFolder();
        Optional<PluginIndex.Content> index = PluginIndex.read(install, profileId());
        if (index.isPresent()) {
            if (index.get().shown() == null) {
                // Written by the process that made the change: a start of the installation adds the node types.
                index(install, index.get().timestamp(), index.get().plugins(), true);
            }
            return index.get().plugins();
        }
        List<InstalledPlugin> list;
        long timestamp;
        try (Session s = new Session()) {
            IProfile profile = s.profile();
            list = describe(profile, s.install);
            timestamp = profile.getTimestamp();
        }
        index(install, timestamp, list, false);
        return list;
    }

    /**
     * Writes {@link PluginIndex} for the profile at {@code timestamp}, with the node types of the
     * running registry when this framework is a faithful start of that profile: it started with it,
     * nothing was added or removed since, and it runs every bundle of the plug-ins. With
     * {@code onlyWithNodeTypes}, writes nothing when it cannot add them.
     */
    private void index(Path install, long timestamp, List<InstalledPlugin> plugins, boolean onlyWithNodeTypes) {
        List<PluginIndex.Shown> shown = null;
        if (timestamp == startedWith && runsAll(plugins)) {
            ServiceReference<NodeRegistry> ref = context.getServiceReference(NodeRegistry.class);
            NodeRegistry registry = ref == null ? null : context.getService(ref);
            if (registry != null) {
                try {
                    shown = plugins.stream().map(p -> NewNodeTypes.shown(registry, p)).toList();
                } finally {
                    context.ungetService(ref);
                }
            }
        }
        if (shown == null && onlyWithNodeTypes) {
            return;
        }
        try {
            Files.createDirectories(install.resolve(PluginIndex.FILE).getParent());
            AtomicFile.write(install.resolve(PluginIndex.FILE), PluginIndex.format(install, profileId(), timestamp, plugins, shown));
        } catch (IOException e) {
            // A read-only installation: every listing reads the profile through p2, as it did without an index.
            System.getLogger(P2Plugins.class.getName()).log(System.Logger.Level.DEBUG,
                    "cannot write " + install.resolve(PluginIndex.FILE) + ": " + e.getMessage());
        }
    }

    /**
     * Whether every bundle of {@code plugins} is in this framework at its version and started (or
     * waiting to start lazily; a fragment: resolved).
     */
    private boolean runsAll(List<InstalledPlugin> plugins) {
        Set<String> running = new HashSet<>();
        for (Bundle b : context.getBundles()) {
            boolean fragment = b.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
            int states = Bundle.ACTIVE | Bundle.STARTING | (fragment ? Bundle.RESOLVED : 0);
            if ((b.getState() & states) != 0) {
                running.add(b.getSymbolicName() + "_" + b.getVersion());
            }
        }
        return plugins.stream().flatMap(p -> p.bundles().stream()).allMatch(b -> running.contains(b.symbolicName() + "_" + b.version()));
    }

    private static List<InstalledPlugin> describe(IProfile profile, Path install) {
        List<InstalledPlugin> list = new ArrayList<>();
        for (IInstallableUnit group : plugins(profile)) {
            List<InstalledPlugin.PluginBundle> bundles = new ArrayList<>();
            for (IInstallableUnit iu : members(profile, group)) {
                Path jar = install.resolve("plugins").resolve(iu.getId() + "_" + iu.getVersion() + ".jar");
                bundles.add(new InstalledPlugin.PluginBundle(iu.getId(), iu.getVersion().toString(), Signers.of(jar)));
            }
            list.add(new InstalledPlugin(feature(group), profile.getInstallableUnitProperty(group, SOURCE),
                    profile.getInstallableUnitProperty(group, TRUST), bundles));
        }
        return list;
    }

    /** The bundles a feature group includes, as installed in the profile. */
    private static List<IInstallableUnit> members(IProfile profile, IInstallableUnit group) {
        List<IInstallableUnit> list = new ArrayList<>();
        for (IInstallableUnit iu : profile.query(QueryUtil.createIUAnyQuery(), null)) {
            boolean bundle = iu.getProvidedCapabilities().stream().anyMatch(c -> "osgi.bundle".equals(c.getNamespace()));
            if (bundle && group.getRequirements().stream().anyMatch(r -> iu.satisfies(r))) {
                list.add(iu);
            }
        }
        list.sort(Comparator.comparing(IInstallableUnit::getId));
        return list;
    }

}
