import { describe, expect, it } from "vitest";
import { DocumentPaths } from "../src/workspace/document-paths";

describe("DocumentPaths", () => {
  it("names files of a workspace folder by their relative path, and back", () => {
    const paths = new DocumentPaths(["/srv/xen"]);
    expect(paths.pathOf("file:///srv/xen/guests/web%2001.cfg")).toBe("guests/web 01.cfg");
    expect(paths.uriOf("guests/web 01.cfg")).toBe("file:///srv/xen/guests/web%2001.cfg");
  });

  it("keeps absolute paths outside the folders, and URIs that are no files", () => {
    const paths = new DocumentPaths(["/srv/xen"]);
    expect(paths.pathOf("file:///etc/xen/xl.conf")).toBe("/etc/xen/xl.conf");
    expect(paths.pathOf("untitled:Untitled-1")).toBe("untitled:Untitled-1");
    expect(paths.uriOf("nowhere.cfg")).toBeUndefined();
  });

  it("takes the file name from a URI", () => {
    expect(DocumentPaths.baseName("file:///etc/xen/xl.conf")).toBe("xl.conf");
  });
});
