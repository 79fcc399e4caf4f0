import { type Document, isScalar, parseAllDocuments, visit } from 'yaml';
import { renameService } from './rename';

/**
 * Another service's Kubernetes manifest, for the new service: every value that names the template
 * service (metadata.name, labels, selectors, the container and its image repository) and every
 * comment renamed; keys and all other values kept. Pure.
 */
export function manifestLike(source: string, from: string, to: string): string {
  const rename = <T extends string | null | undefined>(text: T): T =>
    (text ? renameService(text, from, to) : text) as T;
  return parseAllDocuments(source)
    .map((document) => {
      const doc = document as Document;
      doc.commentBefore = rename(doc.commentBefore);
      doc.comment = rename(doc.comment);
      visit(doc, {
        Node(key, node) {
          node.commentBefore = rename(node.commentBefore);
          node.comment = rename(node.comment);
          if (key !== 'key' && isScalar(node) && typeof node.value === 'string') node.value = rename(node.value);
        },
      });
      return doc.toString({ lineWidth: 0 });
    })
    .join('---\n');
}
