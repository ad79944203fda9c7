import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  eventLeafHash,
  type InclusionProof,
  MerkleAccumulator,
  MerkleTree,
  merkleRoot,
  rootFromInclusionProof,
  verifyInclusion,
} from './merkle';

const sha = (...parts: (Buffer | string)[]) => {
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return h.digest();
};

/** RFC 9162 §2.1.1 written out literally (recursive, byte buffers): the reference the fast code must match. */
function referenceRoot(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return sha('');
  if (leaves.length === 1) return sha(Buffer.of(0), leaves[0]);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha(Buffer.of(1), referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

function referencePath(m: number, leaves: Buffer[]): Buffer[] {
  if (leaves.length <= 1) return [];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return m < k
    ? [...referencePath(m, leaves.slice(0, k)), referenceRoot(leaves.slice(k))]
    : [...referencePath(m - k, leaves.slice(k)), referenceRoot(leaves.slice(0, k))];
}

/** Event hashes used for the hand-computed vectors: SHA-256 of "e0", "e1", …  */
const ev = Array.from({ length: 7 }, (_, i) => sha(`e${i}`).toString('hex'));

describe('RFC 9162 Merkle tree', () => {
  it('matches the Certificate Transparency reference vectors for arbitrary leaves', () => {
    const leaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657'].map((h) =>
      Buffer.from(h, 'hex'),
    );
    const roots = [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
      'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
      '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
      'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
    ];
    const tree = new MerkleAccumulator();
    leaves.forEach((leaf, i) => {
      tree.pushLeaf(leaf);
      expect(tree.root()).toBe(roots[i]);
    });
  });

  it('hashes an event leaf as 0x00 followed by the 32 raw bytes of its hex hash', () => {
    expect(eventLeafHash(ev[0])).toBe(sha(Buffer.of(0), Buffer.from(ev[0], 'hex')).toString('hex'));
    expect(eventLeafHash(ev[0])).toBe('1c941fb764b67604da3aa3e088b3e5804c2f9f647cce7e73b7bdd9e405b5927a');
    expect(() => eventLeafHash('zz'.repeat(32))).toThrow(TypeError);
    expect(() => eventLeafHash(ev[0].slice(2))).toThrow(TypeError);
  });

  it('computes the roots of small trees computed by hand', () => {
    expect(merkleRoot([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(merkleRoot(ev.slice(0, 1))).toBe(
      '1c941fb764b67604da3aa3e088b3e5804c2f9f647cce7e73b7bdd9e405b5927a',
    );
    expect(merkleRoot(ev.slice(0, 2))).toBe(
      '789894cd1c3c0660f51b28e009b4dd79c665c8060a3b34bfbe95ab8fbc51b658',
    );
    expect(merkleRoot(ev.slice(0, 3))).toBe(
      'fee878d2c6f4d29801c680602a38852f09a37a91b6f7a7183e69191bdbac835d',
    );
    expect(merkleRoot(ev.slice(0, 5))).toBe(
      'ce1834a09f806e04b54e7a70faa7061084788af15a2186d036eec3c5730e702d',
    );
    expect(merkleRoot(ev)).toBe('dbbe28c05c993cb7bc95c9a924366152cd46591d2a0b9a1a4249dc33c9fd019b');
    expect(new MerkleTree(ev).root()).toBe(merkleRoot(ev));
  });

  it('gives audit paths in the RFC format, computed by hand', () => {
    expect(new MerkleTree(ev.slice(0, 5)).proof(4)).toEqual({
      leafIndex: 4,
      treeSize: 5,
      auditPath: ['cc59c76c58b2032ee569337971a5fe0c7f27c40a87d19728d133cfc2eda19210'],
    });
    expect(new MerkleTree(ev).proof(2).auditPath).toEqual([
      '5b6690103220b436e8d4f962d6e4dfcc5776764e89264d9c99af3bd9556e8de3',
      '789894cd1c3c0660f51b28e009b4dd79c665c8060a3b34bfbe95ab8fbc51b658',
      '7815936358c2610baf5298f2603677dd8b6ce2d9eccbf9ac57aa639ba24ce502',
    ]);
    expect(new MerkleTree(ev).proof(6).auditPath).toEqual([
      '5ee6d540febeb8b9fab6930308f0937b5c0f6e6a0a0f7c5c4abdbb62900322ce',
      'cc59c76c58b2032ee569337971a5fe0c7f27c40a87d19728d133cfc2eda19210',
    ]);
    expect(new MerkleTree(ev.slice(0, 1)).proof(0).auditPath).toEqual([]);
    expect(() => new MerkleTree(ev).proof(7)).toThrow(RangeError);
  });

  const hashes = fc.array(
    fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex')),
    { minLength: 1, maxLength: 70 },
  );

  it('agrees with the literal RFC definition for every size, streaming or whole', () => {
    fc.assert(
      fc.property(hashes, (leaves) => {
        const bytes = leaves.map((h) => Buffer.from(h, 'hex'));
        const expected = referenceRoot(bytes).toString('hex');
        expect(merkleRoot(leaves)).toBe(expected);
        const tree = new MerkleTree(leaves);
        expect(tree.root()).toBe(expected);
        const m = leaves.length - 1;
        expect(tree.proof(m).auditPath).toEqual(referencePath(m, bytes).map((b) => b.toString('hex')));
      }),
      { numRuns: 300 },
    );
  });

  it("every leaf's proof verifies against the root", () => {
    fc.assert(
      fc.property(hashes, (leaves) => {
        const tree = new MerkleTree(leaves);
        const root = tree.root();
        leaves.forEach((leaf, i) => {
          expect(verifyInclusion(leaf, tree.proof(i), root)).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });

  const flipHexDigit = (hex: string, at: number) =>
    hex.slice(0, at) + ((Number.parseInt(hex[at], 16) + 1) % 16).toString(16) + hex.slice(at + 1);

  it('a changed leaf, path element, index or root fails', () => {
    fc.assert(
      fc.property(hashes, fc.nat(), fc.nat(), fc.nat(63), (leaves, pick, pathPick, digit) => {
        const tree = new MerkleTree(leaves);
        const root = tree.root();
        const index = pick % leaves.length;
        const proof = tree.proof(index);
        expect(verifyInclusion(flipHexDigit(leaves[index], digit), proof, root)).toBe(false);
        if (proof.auditPath.length > 0) {
          const at = pathPick % proof.auditPath.length;
          const auditPath = proof.auditPath.map((p, i) => (i === at ? flipHexDigit(p, digit) : p));
          expect(verifyInclusion(leaves[index], { ...proof, auditPath }, root)).toBe(false);
          expect(verifyInclusion(leaves[index], { ...proof, auditPath: auditPath.slice(1) }, root)).toBe(
            false,
          );
        }
        const other = (index + 1 + (pathPick % Math.max(1, leaves.length - 1))) % leaves.length;
        if (leaves[other] !== leaves[index]) {
          expect(verifyInclusion(leaves[index], { ...proof, leafIndex: other }, root)).toBe(false);
        }
        // The size alone is not bound by the path (index 0 of 3 and of 4 share a path shape): callers check
        // it against the signed size. An index outside the tree is refused outright.
        expect(verifyInclusion(leaves[index], { ...proof, treeSize: index }, root)).toBe(false);
        expect(verifyInclusion(leaves[index], proof, flipHexDigit(root, digit))).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses malformed proofs instead of throwing', () => {
    const tree = new MerkleTree(ev);
    const proof = tree.proof(3);
    const bad: InclusionProof[] = [
      { ...proof, leafIndex: -1 },
      { ...proof, leafIndex: 7 },
      { ...proof, auditPath: [...proof.auditPath, ev[0]] },
      { ...proof, auditPath: proof.auditPath.map((p) => p.toUpperCase()) },
      { ...proof, treeSize: 1.5 },
    ];
    for (const p of bad) expect(rootFromInclusionProof(ev[3], p)).toBeUndefined();
    expect(rootFromInclusionProof(ev[3].toUpperCase(), proof)).toBeUndefined();
  });
});
