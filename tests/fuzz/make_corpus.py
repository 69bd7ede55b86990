#!/usr/bin/env python3
"""Seed corpora of fuzz_csv, fuzz_parse and fuzz_api (fuzz_state's come from
make_states.c). Run from anywhere: python3 tests/fuzz/make_corpus.py"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CORPUS = os.path.join(HERE, 'corpus')


def write(target, name, data):
    os.makedirs(os.path.join(CORPUS, target), exist_ok=True)
    with open(os.path.join(CORPUS, target, name), 'wb') as f:
        f.write(data)


def head(path, lines=40):
    with open(os.path.join(ROOT, path), 'rb') as f:
        return b''.join(f.readlines()[:lines])


# fuzz_csv: byte 0 flags (1 customers, 2 1 KiB records, 4 strict, 8 no header,
# 16 no guessing, 32 validate only, 64/128 max errors), byte 1 dialect
# (delimiter | encoding << 2 | decimal << 4 | date order << 6), byte 2
# (scale & 7, period bits 8/64, mapping << 4), then the CSV text.
LENIENT, CUSTOMERS, STRICT = 0xC0, 0x01, 0x04
MONTH_SCALE2 = 0x0A


def csv_seed(name, text, flags=LENIENT, dialect=0, shape=MONTH_SCALE2):
    write('fuzz_csv', name, bytes([flags, dialect, shape]) + text)


def csv_seeds():
    fixtures = os.path.join(ROOT, 'tests/data/csv')
    for f in sorted(os.listdir(fixtures)):
        if f.endswith(('.csv', '.tsv')) and f != 'customers.csv':
            with open(os.path.join(fixtures, f), 'rb') as fh:
                csv_seed('tx_' + f, fh.read())
    csv_seed('cust_customers.csv', head('tests/data/csv/customers.csv'), LENIENT | CUSTOMERS)
    csv_seed('cust_example.csv', head('examples/data/customers.csv', 25), LENIENT | CUSTOMERS)
    csv_seed('tx_example_orders.csv', head('examples/data/orders.csv', 30))
    csv_seed('tx_strict_error.csv', head('tests/data/csv/strict_error.csv'), STRICT)
    csv_seed('tx_mapped_german.csv', head('tests/data/csv/explicit_mapping.csv'), LENIENT, 0x02 | 0x20,
             MONTH_SCALE2 | 0x20)
    csv_seed('tx_no_header_by_position.csv', b'A,2024-01-01,1.00,O1\nB,2024-01-02,2.5,O2\n', LENIENT | 0x08,
             0x01, MONTH_SCALE2 | 0x10)
    csv_seed('cust_by_position.csv', b'C1,North,4,current\nC2,South,,refused\n', LENIENT | CUSTOMERS | 0x08,
             0x01, MONTH_SCALE2 | 0x30)
    csv_seed('tx_cp1251_forced.csv', head('tests/data/csv/cp1251.csv'), LENIENT, 0x02 | 0x08 | 0x20)
    csv_seed('tx_dmy_forced.csv', head('tests/data/csv/dates_ambiguous.csv'), LENIENT, 0x40)
    csv_seed('tx_validate_only.csv', head('tests/data/csv/lenient.csv'), LENIENT | 0x20)
    csv_seed('tx_scale0_days.csv', head('tests/data/csv/quantity_price.csv'), LENIENT, 0, 0x00)


# fuzz_parse: byte 0 = scale (& 7) | number format (>> 3) | date order (>> 6), then text.
PARSE = [b'1234.56', b'-0.07', b'+12', b'9223372036854775807', b'-92233720368547758.07',
         b'1.500', b'1 234 567,89', b"12'345.00", b'12,5', b'\xc2\xa01\xc2\xa0000', b'1\xa0000,5',
         b'2024-02-29', b'2024-03-01 13:45:00', b'2024-03-01T13:45:00.123', b'20240229',
         b'31.12.2023', b'1.3.2024', b'02/03/2024', b'12/31/2023 11:30 PM', b'2024/02/29',
         b'01.01.0001 0:00:00', b'0001-01-01', b'9999-12-31', b'2023-02-30']


def parse_seeds():
    for i, text in enumerate(PARSE):
        mode = [2, 0x0A, 0x2A, 0x4B, 0x80 | 2, 6][i % 6]
        write('fuzz_parse', 'p%02d' % i, bytes([mode]) + text)


# fuzz_api: opcodes (byte % 16, slot = byte >> 7) and their operands; see fuzz_api.c.
def api_seeds():
    new_ds = bytes([0])                             # slot 0 empty: the first op creates it
    cust_int = bytes([2, 1, 200, 7])                # customer_i64(7)
    cust_str = bytes([2, 0, 3]) + b'K-1'
    tx = lambda c, d, amt: bytes([3, c, d, 0x06, 0x00 + 201, amt, 0, 5, 3, 2]) + b'O1'
    analyze = bytes([8, 1])
    reads = bytes([9, 0, 2, 1, 5, 4, 100, 101, 0, 1, 3, 0, 2, 100, 0])
    explain = bytes([10, 0, 63])
    cursor = bytes([11, 0x1F, 30, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    write_csv = bytes([12, 0x05]) + bytes([12, 0x1A, 4])
    params = bytes([7, 0, 101, 3]) + bytes([7, 1, 201, 3]) + bytes([7, 0x32, 104, 10, 20, 30])
    merge = bytes([0x80]) + bytes([14 | 0x80, 1]) + bytes([14, 0])
    batch = bytes([15, 4, 0, 1, 2, 3, 4, 3, 1, 2, 3, 2, 5, 6, 7, 8, 1, 4, 9, 10, 11, 12, 0, 13, 14, 15, 16, 2, 1, 2])
    profile = bytes([5, 0, 2, 5]) + b'brand' + bytes([3]) + bytes([5, 0, 3, 6]) + b'region' + bytes([5]) + b'North'
    write('fuzz_api', 'sequence_basic', new_ds + cust_int + cust_str + tx(0, 10, 40) + tx(1, 20, 90) +
          tx(0, 40, 12) + analyze + reads + explain + cursor + write_csv)
    write('fuzz_api', 'sequence_params', new_ds + cust_int + tx(0, 1, 50) + tx(0, 60, 70) + params + analyze +
          reads + write_csv)
    write('fuzz_api', 'sequence_merge', new_ds + cust_int + cust_str + tx(0, 5, 10) + tx(1, 9, 30) + merge +
          bytes([0x88, 1]) + reads)
    write('fuzz_api', 'sequence_batch_profile', new_ds + batch + cust_str + profile + bytes([6, 0, 0, 1]) +
          analyze + explain + bytes([13]) + batch)
    write('fuzz_api', 'sequence_state_refused', new_ds + cust_int + analyze + tx(0, 1, 1) + profile +
          bytes([1, 0, 5]) + bytes([13]) + tx(0, 1, 1))


if __name__ == '__main__':
    csv_seeds()
    parse_seeds()
    api_seeds()
