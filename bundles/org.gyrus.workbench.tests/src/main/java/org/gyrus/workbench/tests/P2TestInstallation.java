package org.gyrus.workbench.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.eclipse.equinox.p2.core.IProvisioningAgent;
import org.eclipse.equinox.p2.core.IProvisioningAgentProvider;
import org.eclipse.equinox.p2.core.ProvisionException;
import org.eclipse.equinox.p2.engine.IProfile;
import org.eclipse.equinox.p2.engine.IProfileRegistry;
import org.eclipse.equinox.p2.metadata.IArtifactKey;
import org.eclipse.equinox.p2.metadata.IInstallableUnit;
import org.eclipse.equinox.p2.metadata.IProvidedCapability;
import org.eclipse.equinox.p2.metadata.IRequirement;
import org.eclipse.equinox.p2.metadata.ITouchpointType;
import org.eclipse.equinox.p2.metadata.MetadataFactory;
import org.eclipse.equinox.p2.metadata.MetadataFactory.InstallableUnitDescription;
import org.eclipse.equinox.p2.metadata.Version;
import org.eclipse.equinox.p2.metadata.VersionRange;
import org.eclipse.equinox.p2.repository.artifact.IArtifactDescriptor;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepository;
import org.eclipse.equinox.p2.repository.artifact.IArtifactRepositoryManager;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepository;
import org.eclipse.equinox.p2.repository.metadata.IMetadataRepositoryManager;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Real p2 data for the Plug-ins dialog's test, made with p2's own API: an empty installation (a
 * profile, a bundle pool and a configuration folder that p2's configuration writer fills) and a
 * repository that offers the test plug-in {@code org.gyrus.testnodes} as a feature. The dialog then
 * installs into that installation with the same service {@code gyrus install} uses, and the
 * installed bundles join the test's own running framework, as they join a running workbench's.
 */
final class P2TestInstallation {

    static final String FEATURE = "org.gyrus.testnodes.feature";
    static final String PROFILE = "GyrusUiTest";

    private P2TestInstallation() {
    }

    private static <T> T service(BundleContext context, Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
        if (service == null) {
            throw new AssertionError(type.getName() + " did not start within 30 s");
        }
        return service;
    }

    private static IProvisioningAgent agent(Path where) throws Exception {
        BundleContext context = FrameworkUtil.getBundle(P2TestInstallation.class).getBundleContext();
        return service(context, IProvisioningAgentProvider.class).createAgent(where.toUri());
    }

    /**
     * An installation in {@code folder} with an empty profile {@link #PROFILE}; its configuration
     * names the framework this test runs on, as a product's does.
     */
    static Path installation(Path folder) throws Exception {
        Files.createDirectories(folder.resolve("configuration"));
        Path framework = Path.of(FrameworkUtil.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.writeString(folder.resolve("configuration/config.ini"), "osgi.framework=" + framework.toUri() + "\n");
        IProvisioningAgent agent = agent(folder.resolve("p2"));
        try {
            agent.getService(IProfileRegistry.class).addProfile(PROFILE, Map.of(
                    IProfile.PROP_INSTALL_FOLDER, folder.toString(),
                    IProfile.PROP_CACHE, folder.toString(),
                    IProfile.PROP_ENVIRONMENTS, "osgi.os=linux,osgi.ws=gtk,osgi.arch=x86_64"));
        } finally {
            agent.stop();
        }
        return folder;
    }

    /**
     * A p2 repository in {@code folder} offering {@link #FEATURE}: the test plug-in's bundle (its
     * build signs it with Gyrus's test key; {@code signed=false} strips the signature, as an
     * outside author's unsigned build would be) and a feature that includes it.
     */
    static Path repository(Path folder, Path jar, boolean signed) throws Exception {
        Files.createDirectories(folder);
        byte[] bytes = signed ? Files.readAllBytes(jar) : unsigned(Files.readAllBytes(jar));
        Manifest manifest;
        try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(bytes))) {
            manifest = in.getManifest();
        }
        String bsn = manifest.getMainAttributes().getValue("Bundle-SymbolicName").split(";")[0].strip();
        Version version = Version.create(manifest.getMainAttributes().getValue("Bundle-Version"));
        IProvisioningAgent agent = agent(folder.resolve(".agent"));
        URI uri = folder.toUri();
        try {
            IArtifactRepositoryManager artifacts = agent.getService(IArtifactRepositoryManager.class);
            IArtifactRepository artifactRepository = artifacts.createRepository(uri, "Gyrus UI test plug-in",
                    IArtifactRepositoryManager.TYPE_SIMPLE_REPOSITORY, Map.of());
            IArtifactKey key = artifactRepository.createArtifactKey("osgi.bundle", bsn, version);
            IArtifactDescriptor descriptor = artifactRepository.createArtifactDescriptor(key);
            try (OutputStream out = artifactRepository.getOutputStream(descriptor)) {
                out.write(bytes);
            }

            InstallableUnitDescription bundle = new InstallableUnitDescription();
            bundle.setId(bsn);
            bundle.setVersion(version);
            bundle.setProperty(IInstallableUnit.PROP_NAME, manifest.getMainAttributes().getValue("Bundle-Name"));
            bundle.setCapabilities(new IProvidedCapability[] {
                MetadataFactory.createProvidedCapability(IInstallableUnit.NAMESPACE_IU_ID, bsn, version),
                MetadataFactory.createProvidedCapability("osgi.bundle", bsn, version),
                MetadataFactory.createProvidedCapability("org.eclipse.equinox.p2.eclipse.type", "bundle", Version.create("1.0.0"))});
            bundle.setArtifacts(new IArtifactKey[] {key});
            bundle.setTouchpointType(MetadataFactory.createTouchpointType("org.eclipse.equinox.p2.osgi", Version.create("1.0.0")));
            // What a product's default configuration unit says for every bundle: put it into the
            // configuration, started, and take it out again.
            bundle.addTouchpointData(MetadataFactory.createTouchpointData(Map.of(
                    "manifest", "Bundle-SymbolicName: " + bsn + "\nBundle-Version: " + version + "\n",
                    "install", "installBundle(bundle:${artifact})",
                    "uninstall", "uninstallBundle(bundle:${artifact})",
                    "configure", "markStarted(started:true);",
                    "unconfigure", "markStarted(started:false);")));

            InstallableUnitDescription feature = new InstallableUnitDescription();
            feature.setId(FEATURE + ".feature.group");
            feature.setVersion(version);
            feature.setProperty(InstallableUnitDescription.PROP_TYPE_GROUP, Boolean.TRUE.toString());
            feature.setProperty(IInstallableUnit.PROP_NAME, "Gyrus test nodes");
            feature.setProperty(IInstallableUnit.PROP_PROVIDER, "Gyrus UI tests");
            feature.setCapabilities(new IProvidedCapability[] {
                MetadataFactory.createProvidedCapability(IInstallableUnit.NAMESPACE_IU_ID, FEATURE + ".feature.group", version)});
            feature.setRequirements(new IRequirement[] {MetadataFactory.createRequirement(IInstallableUnit.NAMESPACE_IU_ID, bsn,
                    new VersionRange(version, true, version, true), null, false, false)});
            feature.setTouchpointType(ITouchpointType.NONE);

            IMetadataRepositoryManager metadata = agent.getService(IMetadataRepositoryManager.class);
            IMetadataRepository metadataRepository = metadata.createRepository(uri, "Gyrus UI test plug-in",
                    IMetadataRepositoryManager.TYPE_SIMPLE_REPOSITORY, Map.of());
            metadataRepository.addInstallableUnits(List.of(MetadataFactory.createInstallableUnit(bundle),
                    MetadataFactory.createInstallableUnit(feature)));
            artifacts.removeRepository(uri);
            metadata.removeRepository(uri);
        } catch (ProvisionException e) {
            throw new AssertionError("could not make the test repository in " + folder + ": " + e.getStatus(), e);
        } finally {
            agent.stop();
        }
        return folder;
    }

    /** The jar without its signature: signature files gone, the manifest's per-entry digests dropped. */
    static byte[] unsigned(byte[] jar) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new java.io.ByteArrayInputStream(jar))) {
            Manifest main = new Manifest();
            main.getMainAttributes().putAll(in.getManifest().getMainAttributes());
            main.getMainAttributes().putIfAbsent(Attributes.Name.MANIFEST_VERSION, "1.0");
            try (JarOutputStream out = new JarOutputStream(buffer, main)) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    String name = e.getName().toUpperCase(java.util.Locale.ROOT);
                    boolean signature = name.startsWith("META-INF/") && (name.endsWith(".SF") || name.endsWith(".RSA")
                            || name.endsWith(".DSA") || name.endsWith(".EC"));
                    if (signature) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return buffer.toByteArray();
    }

    /** Whether the installation's configuration (what its next start reads) lists {@code bundle}. */
    static boolean configured(Path installation, String bundle) throws IOException {
        Path configuration = installation.resolve("configuration");
        if (!Files.isDirectory(configuration)) {
            return false;
        }
        try (var files = Files.walk(configuration)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (Files.isRegularFile(f) && (name.equals("bundles.info") || name.equals("config.ini"))) {
                    try (InputStream in = Files.newInputStream(f)) {
                        if (new String(in.readAllBytes(), StandardCharsets.UTF_8).contains(bundle)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }
}
