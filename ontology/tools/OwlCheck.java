// OwlCheck: load ontology files the way Protégé does (OWL API, imports resolved through a
// Protégé-style catalog-v001.xml, never the network), run the OWL API's OWL 2 DL profile
// check and, with --hermit, HermiT 1.4 for consistency and unsatisfiable classes.
//
// Built on the checker in shared/research/ontology-anchors.md, Appendix A. Compiled and run
// by tests/ontology/test_owlapi.py against Debian's libowlapi-java jars plus the HermiT jar
// (see ontology/README.md). One line per checked unit on stdout, for the tests to parse:
//   RESULT unit=<path> loaded=true axioms=N closure=N dl=IN violations=- missing=-
//          consistent=true unsat=0
// Exit status: 0 when every unit loads, is in OWL 2 DL, has no missing import and (with
// --hermit) is consistent without unsatisfiable classes; 1 otherwise; 2 on bad usage.
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.semanticweb.HermiT.Configuration;
import org.semanticweb.HermiT.ReasonerFactory;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.MissingImportHandlingStrategy;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyLoaderConfiguration;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.model.parameters.Imports;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.reasoner.OWLReasoner;
import org.semanticweb.owlapi.util.SimpleIRIMapper;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

public final class OwlCheck {
  private OwlCheck() {}

  public static void main(String[] args) throws Exception {
    List<String> files = new ArrayList<>();
    List<String> catalogs = new ArrayList<>();
    boolean hermit = false;
    boolean merge = false;
    boolean ignoreDatatypes = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--catalog" -> catalogs.add(args[++i]);
        case "--hermit" -> hermit = true;
        case "--merge" -> merge = true;
        case "--ignore-unsupported-datatypes" -> ignoreDatatypes = true;
        default -> {
          if (args[i].startsWith("--")) {
            System.err.println("unknown option " + args[i]);
            System.exit(2);
          }
          files.add(args[i]);
        }
      }
    }
    if (files.isEmpty()) {
      System.err.println("usage: OwlCheck [--catalog F]... [--hermit] [--merge]"
          + " [--ignore-unsupported-datatypes] FILE...");
      System.exit(2);
    }
    int bad = 0;
    if (merge) {
      bad += check(String.join("+", files), files, catalogs, hermit, ignoreDatatypes);
    } else {
      for (String f : files) {
        bad += check(f, List.of(f), catalogs, hermit, ignoreDatatypes);
      }
    }
    System.exit(bad == 0 ? 0 : 1);
  }

  /** Maps every <uri name=... uri=...> of each catalog, relative to the catalog's folder. */
  private static void addCatalogs(OWLOntologyManager m, List<String> catalogs) throws Exception {
    for (String c : catalogs) {
      File cf = new File(c).getAbsoluteFile();
      NodeList uris = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(cf)
          .getElementsByTagName("uri");
      for (int k = 0; k < uris.getLength(); k++) {
        Element el = (Element) uris.item(k);
        File target = new File(cf.getParentFile(), el.getAttribute("uri"));
        m.getIRIMappers().add(new SimpleIRIMapper(IRI.create(el.getAttribute("name")),
            IRI.create(target)));
      }
    }
  }

  /** Checks one unit (one file, or several merged) and prints its RESULT line; 1 if it fails. */
  private static int check(String unit, List<String> files, List<String> catalogs,
      boolean hermit, boolean ignoreDatatypes) throws Exception {
    OWLOntologyManager m = OWLManager.createOWLOntologyManager();
    addCatalogs(m, catalogs);
    List<String> missing = new ArrayList<>();
    m.addMissingImportListener(e -> missing.add(e.getImportedOntologyURI().toString()));
    OWLOntologyLoaderConfiguration cfg = new OWLOntologyLoaderConfiguration()
        .setMissingImportHandlingStrategy(MissingImportHandlingStrategy.SILENT);
    OWLOntology o;
    try {
      List<OWLOntology> loaded = new ArrayList<>();
      for (String f : files) {
        loaded.add(m.loadOntologyFromOntologyDocument(new FileDocumentSource(new File(f)), cfg));
      }
      if (loaded.size() == 1) {
        o = loaded.get(0);
      } else {
        o = m.createOntology(IRI.create("urn:reskg:merged"));
        for (OWLOntology part : loaded) {
          m.addAxioms(o, part.axioms(Imports.INCLUDED));
        }
      }
    } catch (Exception e) {
      String msg = String.valueOf(e.getMessage()).split("\n")[0];
      System.out.println("RESULT unit=" + unit + " loaded=false error="
          + e.getClass().getSimpleName() + ":" + msg.replace(' ', '_'));
      return 1;
    }
    OWLProfileReport r = new OWL2DLProfile().checkOntology(o);
    Map<String, Long> byType = r.getViolations().stream().collect(Collectors.groupingBy(
        v -> v.getClass().getSimpleName(), TreeMap::new, Collectors.counting()));
    r.getViolations().stream().map(v -> v.toString().split("\n")[0]).distinct().limit(5)
        .forEach(s -> System.out.println("  violation: " + s));
    StringBuilder line = new StringBuilder("RESULT unit=").append(unit)
        .append(" loaded=true axioms=").append(o.getAxiomCount(Imports.INCLUDED))
        .append(" closure=").append(o.importsClosure().count())
        .append(" dl=").append(r.isInProfile() ? "IN" : "OUT")
        .append(" violations=").append(byType.isEmpty() ? "-" : byType.entrySet().stream()
            .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(",")))
        .append(" missing=").append(missing.isEmpty() ? "-" : String.join(",", missing));
    boolean ok = r.isInProfile() && missing.isEmpty();
    if (hermit) {
      Configuration conf = new Configuration();
      conf.ignoreUnsupportedDatatypes = ignoreDatatypes;
      OWLReasoner reasoner = new ReasonerFactory().createReasoner(o, conf);
      boolean consistent = reasoner.isConsistent();
      line.append(" reasoner=HermiT-").append(reasoner.getReasonerVersion())
          .append(" consistent=").append(consistent);
      if (consistent) {
        List<OWLClass> unsat = reasoner.getUnsatisfiableClasses().getEntitiesMinusBottom()
            .stream().sorted().collect(Collectors.toList());
        line.append(" unsat=").append(unsat.size());
        unsat.forEach(c -> System.out.println("  unsatisfiable: " + c.getIRI()));
        ok &= unsat.isEmpty();
      }
      ok &= consistent;
      reasoner.dispose();
    }
    System.out.println(line);
    return ok ? 0 : 1;
  }
}
