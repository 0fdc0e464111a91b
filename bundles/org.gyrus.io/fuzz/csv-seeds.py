#!/usr/bin/env python3
"""Writes the hand-made seeds of the CSV reader's fuzzing corpus (testdata/fuzz/csv/seed-*).

    python3 bundles/org.gyrus.io/fuzz/csv-seeds.py bundles/org.gyrus.io/testdata/fuzz/csv

Each seed is a small table exercising one feature or one way of being broken: quoting, line ends,
byte-order marks, missing tokens, numbers, ragged rows, unterminated quotes, encodings (Latin-1,
Windows-1252, UTF-16, invalid UTF-8 of each kind), absurd shapes. CsvFuzzCorpusTest replays them
(and mutations of them) in every build; Jazzer starts from them.
"""
import os
import sys

SEEDS = {
    'plain': b'id,age,group\ns1,31,a\ns2,45.5,b\ns3,NA,a\n',
    'crlf-bom': b'\xef\xbb\xbfid,x\r\n1,2\r\n3,4\r\n',
    'quoted': b'a,b,c\n"x, y","he said ""hi""","multi\nline"\n1,"",\n',
    'tsv': b'a\tb\tc\n1\t2\t3\n"q\tq"\t\t9\n',
    'semicolon': b'a;b\n1,5;2\n3;4\n',
    'missing-tokens': b'a,b,c\nNA,N/A,\nnan,null,n/a\n"NA",NaN,1\n',
    'numbers': b'x,y\n1e308,-1e-308\n1e400,inf\n-Infinity,NaN\n0x10,1_000\n 12 ,+3.\n',
    'categories': b'c\n' + b''.join(b'v%d\n' % (i % 7) for i in range(60)),
    'ragged': b'a,b,c\n1,2,3\n4,5\n6,7,8,9\n',
    'unterminated': b'a,b\n1,"open\n2,3\n',
    'after-quote': b'a,b\n"x"y,2\n',
    'duplicate-header': b'a,b,a\n1,2,3\n',
    'empty-header-names': b',,c\n1,2,3\n',
    'blank-lines': b'\n\na,b\n\n1,2\n\n\n3,4\n',
    'header-only': b'a,b,c\n',
    'no-final-newline': b'a,b\n1,2',
    'cr-only': b'a,b\r1,2\r3,4\r',
    'latin1': b'city,n\nZ\xfcrich,1\nGen\xe8ve,2\n',
    'cp1252': b'item,price\n\x93tea\x94,\x803\n',
    'cp1252-undefined': b'a\n\x81\n',
    'utf16le': '\ufeffa,b\n1,2\n'.encode('utf-16-le'),
    'utf16be': '\ufeffa,b\n1,2\n'.encode('utf-16-be'),
    'utf8-multibyte': 'k,v\n1,é\n2,€\n3,\U0001f9e0\n4,中文\n5,\ufffd\n'.encode('utf-8'),
    'bad-utf8-overlong': b'a,b\n1,\xc0\xaf\n',
    'bad-utf8-surrogate': b'a,b\n1,\xed\xa0\x80\n',
    'bad-utf8-truncated-at-end': b'a,b\n1,\xe2\x82',
    'bad-utf8-in-header': b'id,caf\xe9\n1,2\n',
    'bad-utf8-in-quoted': b'a,b\n1,"two\nlines \xe9"\n',
    'nul-bytes': b'a,b\nx\x00y,1\n',
    'wide': b','.join(b'c%d' % i for i in range(300)) + b'\n' + b','.join(b'%d' % (i % 3) for i in range(300)) + b'\n',
    'many-empty-fields': b',' * 200 + b'\n' + b',' * 200 + b'\n',
    'long-field': b'a,b\n1,' + b'x' * 2000 + b'\n',
    'mixed-types': b'n,t\n1,1\n2,two\n3,3\n',
    'quote-only': b'"',
    'delimiters-only': b',,,\n,,,\n',
}


def main(out):
    os.makedirs(out, exist_ok=True)
    for name, content in SEEDS.items():
        with open(os.path.join(out, 'seed-' + name), 'wb') as f:
            f.write(content)
    print('wrote', len(SEEDS), 'seeds to', out)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..', 'testdata', 'fuzz', 'csv'))
