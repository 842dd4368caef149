#!/usr/bin/env python3
"""A small HAPI server for tests/test-hapi.c (stdlib only).

Usage: hapi-server.py FIXTURES_DIR [LIFETIME_S]

Listens on 127.0.0.1 with a free port and prints the port on the first
line of stdout.  /v2/hapi/... speaks HAPI 2.0 (id, time.min, time.max and
nothing else), /v3/hapi/... HAPI 3.3 (both spellings), /fixture/hapi/...
serves the real JSON fixtures.  GET /counts returns the number of requests
per path and per dataset ("data:<id>", "info:<id>").  Exits after
LIFETIME_S (default 600) or when stdin closes, so it never outlives a test.

Generated datasets (start 2020-01-01T00:00:00Z, one day):
  ds1s        1-s cadence, B[3] and n: Bx = i*0.25 - 3, By = sin(i/10),
              Bz = (i % 17) * 1.5, n = 1000 + i/8 with fill -1e31 when
              i % 100 == 99 (i = seconds since start)
  ds1s_split  the same with maxRequestDuration PT10M (longer: HAPI 1408)
  ds1s_begin  the same with timeStampLocation "begin" (not in the catalog,
              whose list tests/test-hapi-provider.c checks)
  spec        10-s cadence, flux[5] = k/10 + j/2 (k = seconds since start),
              fixed bins 10, 20, 40, 80, 160 eV
  spectv      10-s cadence, spectra[4] = r + j (r = record index), bins
              given per record by centers[4] = (j+1)*(1 + r % 3) and
              ranges[4,2] = centers -/+ 0.5
  regions1m   1-min cadence, string and double parameters (m = minutes
              since start):
                region (string, length 16, fill "None") =
                  "None" when m % 60 == 59, else
                  REGIONS[(m // 10) % 8] with REGIONS = Solar_Wind,
                  Bow_Shock, Magnetosheath, D_Msphere, N_Msphere,
                  Plasma_Sheet, Tail_Lobe, 'Cusp, "north"' (SSCWeb-like
                  names; the last one needs CSV quoting)
                x (double, km) = m * 0.5
                codes (string, length 4, size [2], no fill) =
                  "A<m % 3>", "B<m % 5>"
              CSV fields are quoted per RFC 4180 when they hold a comma or
              a quote; binary strings are NUL-padded to their length.
Misbehaving datasets (ds1s data): flaky500 (first data request HTTP 500),
always500, err1501 (HAPI 1501 JSON with HTTP 500), truncated (half of the
announced body, then close), stall (3 lines then silence), garbage (HTML
instead of CSV), trickle (one line per 50 ms).
"""

import datetime
import gzip
import json
import math
import os
import re
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

FIXTURES = sys.argv[1] if len(sys.argv) > 1 else '.'
LIFETIME = float(sys.argv[2]) if len(sys.argv) > 2 else 600.0
EPOCH = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
START = '2020-01-01T00:00:00Z'
STOP = '2020-01-02T00:00:00Z'

COUNTS = {}
LOCK = threading.Lock()
FLAKY_DONE = set()

TIME = {'name': 'Time', 'type': 'isotime', 'units': 'UTC', 'fill': None, 'length': 24}
DS1S = [TIME,
        {'name': 'B', 'type': 'double', 'units': 'nT', 'fill': '-1e31', 'size': [3],
         'description': 'test field'},
        {'name': 'n', 'type': 'double', 'units': 'cm^-3', 'fill': '-1e31'}]
SPEC = [TIME,
        {'name': 'flux', 'type': 'double', 'units': 'eV/(cm^2 s sr eV)', 'fill': '-1e31',
         'size': [5], 'bins': [{'name': 'energy', 'units': 'eV',
                                'centers': [10, 20, 40, 80, 160]}]}]
SPECTV = [TIME,
          {'name': 'spectra', 'type': 'double', 'units': 'm', 'fill': '-1e31', 'size': [4],
           'bins': [{'name': 'frequency', 'units': 'Hz', 'centers': 'centers',
                     'ranges': 'ranges'}]},
          {'name': 'centers', 'type': 'double', 'units': 'Hz', 'fill': None, 'size': [4]},
          {'name': 'ranges', 'type': 'double', 'units': 'Hz', 'fill': None, 'size': [4, 2]}]

REGIONS1M = [TIME,
             {'name': 'region', 'type': 'string', 'units': None, 'fill': 'None', 'length': 16,
              'description': 'region of the spacecraft'},
             {'name': 'x', 'type': 'double', 'units': 'km', 'fill': '-1e31'},
             {'name': 'codes', 'type': 'string', 'units': None, 'fill': None, 'length': 4,
              'size': [2], 'label': ['first code', 'second code']}]
REGIONS = ['Solar_Wind', 'Bow_Shock', 'Magnetosheath', 'D_Msphere', 'N_Msphere',
           'Plasma_Sheet', 'Tail_Lobe', 'Cusp, "north"']

BAD = ['flaky500', 'always500', 'err1501', 'truncated', 'stall', 'garbage', 'trickle']
DATASETS = {'ds1s': (DS1S, 1, None), 'ds1s_split': (DS1S, 1, 'PT10M'),
            'spec': (SPEC, 10, None), 'spectv': (SPECTV, 10, None),
            'regions1m': (REGIONS1M, 60, None),
            'ds1s_begin': (DS1S, 1, None)}
for _bad in BAD:
    DATASETS[_bad] = (DS1S, 1, None)


def count(key):
    with LOCK:
        COUNTS[key] = COUNTS.get(key, 0) + 1


TIME_RE = re.compile(r'^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(\.\d*)?)?)?)?Z?$')


def parse_time(text):
    """Seconds since 2020-01-01 or None."""
    m = TIME_RE.match(text or '')
    if not m:
        return None
    y, mo, d, h, mi, s, frac = m.groups()
    try:
        t = datetime.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0),
                              tzinfo=datetime.timezone.utc)
    except ValueError:
        return None
    return (t - EPOCH).total_seconds() + (float(frac) if frac and frac != '.' else 0.0)


def iso(seconds):
    t = EPOCH + datetime.timedelta(seconds=seconds)
    return t.strftime('%Y-%m-%dT%H:%M:%S.000Z')


def values(dataset, k, rec):
    """Columns of the record at k seconds (rec = record index): floats, or
    str for string parameters."""
    if dataset == 'regions1m':
        m = k // 60
        region = 'None' if m % 60 == 59 else REGIONS[(m // 10) % len(REGIONS)]
        return [region, m * 0.5, 'A%d' % (m % 3), 'B%d' % (m % 5)]
    if dataset == 'spec':
        return [k / 10 + j / 2 for j in range(5)]
    if dataset == 'spectv':
        centers = [(j + 1) * (1 + rec % 3) for j in range(4)]
        ranges = []
        for c in centers:
            ranges += [c - 0.5, c + 0.5]
        return [rec + j for j in range(4)] + centers + ranges
    i = k
    n = -1e31 if i % 100 == 99 else 1000 + i / 8
    return [i * 0.25 - 3, math.sin(i / 10), (i % 17) * 1.5, n]


def info_json(dataset, version, params=None):
    plist, cadence, maxdur = DATASETS[dataset]
    if params:
        plist = [plist[0]] + [p for p in plist[1:] if p['name'] in params]
    info = {'HAPI': version, 'status': {'code': 1200, 'message': 'OK'},
            'startDate': START, 'stopDate': STOP, 'cadence': 'PT%dS' % cadence,
            'parameters': plist}
    if maxdur:
        info['maxRequestDuration'] = maxdur
    if dataset == 'ds1s_begin':
        info['timeStampLocation'] = 'begin'
    return info


def string_lengths(dataset):
    """Per column: the byte length of a string column, 0 for a double."""
    out = []
    for p in DATASETS[dataset][0][1:]:
        n = 1
        for d in p.get('size', [1]):
            n *= d
        out += [p['length'] if p['type'] == 'string' else 0] * n
    return out


def csv_field(v):
    """A value as a CSV field, quoted per RFC 4180 when needed."""
    if not isinstance(v, str):
        return repr(v)
    if any(c in v for c in ',"\r\n'):
        return '"' + v.replace('"', '""') + '"'
    return v


def binary_record(v, lengths):
    """Doubles as little-endian, strings NUL-padded to their length."""
    if not any(lengths):
        return struct.pack('<%dd' % len(v), *v)
    out = b''
    for x, n in zip(v, lengths):
        out += x.encode().ljust(n, b'\0')[:n] if n else struct.pack('<d', x)
    return out


def columns_of(dataset, params):
    """Indices of the columns to keep for the requested parameters."""
    plist = DATASETS[dataset][0]
    keep, col = [], 0
    for p in plist[1:]:
        n = 1
        for d in p.get('size', [1]):
            n *= d
        if not params or p['name'] in params:
            keep += list(range(col, col + n))
        col += n
    return keep


class Handler(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.0'

    def log_message(self, *args):
        pass

    def send_body(self, code, body, ctype, gz=False):
        if gz:
            body = gzip.compress(body)
        self.send_response(code)
        self.send_header('Content-Type', ctype)
        if gz:
            self.send_header('Content-Encoding', 'gzip')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def hapi_error(self, version, code, message):
        http = {1406: 404, 1407: 404}.get(code, 500 if code >= 1500 else 400)
        doc = {'HAPI': version, 'status': {'code': code, 'message': message}}
        self.send_body(http, json.dumps(doc).encode(), 'application/json')

    def do_GET(self):
        url = urlsplit(self.path)
        path = url.path
        count(path)
        if path == '/counts':
            with LOCK:
                body = json.dumps(COUNTS).encode()
            return self.send_body(200, body, 'application/json')
        if path.startswith('/fixture/hapi/'):
            name = path[len('/fixture/hapi/'):]
            if name in ('capabilities', 'catalog', 'info'):
                with open(os.path.join(FIXTURES, 'hapi', name + '.json'), 'rb') as f:
                    return self.send_body(200, f.read(), 'application/json')
        m = re.match(r'^/v([23])/hapi/(\w+)$', path)
        if not m:
            return self.send_body(404, b'not found', 'text/plain')
        version = '2.0' if m.group(1) == '2' else '3.3'
        query = {k: v[0] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        endpoint = m.group(2)
        if endpoint == 'capabilities':
            doc = {'HAPI': version, 'status': {'code': 1200, 'message': 'OK'},
                   'outputFormats': ['csv', 'binary']}
            return self.send_body(200, json.dumps(doc).encode(), 'application/json')
        if endpoint == 'catalog':
            doc = {'HAPI': version, 'status': {'code': 1200, 'message': 'OK'},
                   'catalog': [{'id': k, 'title': 'Test ' + k} for k in DATASETS
                               if k != 'ds1s_begin']}
            return self.send_body(200, json.dumps(doc).encode(), 'application/json')
        names = {'dataset': 'id', 'start': 'time.min', 'stop': 'time.max'}
        if version == '2.0':
            allowed = {'id', 'time.min', 'time.max', 'parameters', 'format', 'include'}
        else:
            allowed = {'id', 'time.min', 'time.max', 'dataset', 'start', 'stop',
                       'parameters', 'format', 'include'}
        for k in query:
            if k not in allowed:
                return self.hapi_error(version, 1401, 'Bad request - unknown API parameter name')
        for new, old in names.items():
            if new not in query and old in query:
                query[new] = query[old]
        dataset = query.get('dataset')
        if dataset is None:
            return self.hapi_error(version, 1400, 'Bad request - user input error')
        count(endpoint + ':' + dataset)
        if dataset not in DATASETS:
            return self.hapi_error(version, 1406, 'Bad request - unknown dataset id')
        params = [p for p in query.get('parameters', '').split(',') if p]
        known = [p['name'] for p in DATASETS[dataset][0]]
        for p in params:
            if p not in known:
                return self.hapi_error(version, 1407, 'Bad request - unknown dataset parameter')
        if endpoint == 'info':
            doc = info_json(dataset, version, params)
            return self.send_body(200, json.dumps(doc).encode(), 'application/json')
        if endpoint != 'data':
            return self.send_body(404, b'not found', 'text/plain')
        return self.data(version, dataset, query, params)

    def data(self, version, dataset, query, params):
        t0, t1 = parse_time(query.get('start')), parse_time(query.get('stop'))
        if t0 is None:
            return self.hapi_error(version, 1402, 'Bad request - syntax error in start time')
        if t1 is None:
            return self.hapi_error(version, 1403, 'Bad request - syntax error in stop time')
        if t0 >= t1:
            return self.hapi_error(version, 1404, 'Bad request - start equal to or after stop')
        if t0 < 0 or t1 > 86400:
            return self.hapi_error(version, 1405, 'Bad request - start < startDate and/or stop > stopDate')
        plist, cadence, maxdur = DATASETS[dataset]
        if maxdur == 'PT10M' and t1 - t0 > 600:
            return self.hapi_error(version, 1408, 'Bad request - too much time or data requested')
        fmt = query.get('format', 'csv')
        if fmt not in ('csv', 'binary'):
            return self.hapi_error(version, 1409, 'Bad request - unsupported output format')
        if dataset == 'always500' or (dataset == 'flaky500' and dataset not in FLAKY_DONE):
            FLAKY_DONE.add(dataset)
            return self.send_body(500, b'Internal Server Error', 'text/plain')
        if dataset == 'err1501':
            return self.hapi_error(version, 1501, 'Internal server error - upstream request error')
        if dataset == 'garbage':
            return self.send_body(200, b'<html><body>Maintenance</body></html>\n', 'text/csv')

        keep = columns_of(dataset, params)
        lengths = [string_lengths(dataset)[c] for c in keep]
        first = int(math.ceil(t0 / cadence)) * cadence
        lines = []
        k, rec = first, first // cadence
        header = b''
        if query.get('include') == 'header':
            info = info_json(dataset, version, params)
            info['format'] = fmt
            header = ('#' + json.dumps(info) + '\n').encode()
        while k < t1:
            v = values(dataset, k, rec)
            v = [v[c] for c in keep]
            if fmt == 'binary':
                lines.append(iso(k).encode() + binary_record(v, lengths))
            else:
                lines.append((iso(k) + ',' + ','.join(csv_field(x) for x in v) + '\n').encode())
            k += cadence
            rec += 1
        body = header + b''.join(lines)
        ctype = 'application/octet-stream' if fmt == 'binary' else 'text/csv'
        if dataset == 'truncated':
            self.send_response(200)
            self.send_header('Content-Type', ctype)
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body[:len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        if dataset in ('stall', 'trickle'):
            self.send_response(200)
            self.send_header('Content-Type', ctype)
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(header)
            for n, line in enumerate(lines):
                if dataset == 'stall' and n == 3:
                    self.wfile.flush()
                    time.sleep(30)
                    return
                self.wfile.write(line)
                self.wfile.flush()
                if dataset == 'trickle':
                    time.sleep(0.05)
            return
        gz = dataset == 'ds1s' and 'gzip' in self.headers.get('Accept-Encoding', '')
        if gz:
            count('gzip')
        self.send_body(200, body, ctype, gz)


def watch_stdin():
    try:
        sys.stdin.buffer.read()
    except Exception:
        pass
    os._exit(0)


def main():
    server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    threading.Thread(target=watch_stdin, daemon=True).start()
    threading.Timer(LIFETIME, lambda: os._exit(0)).start()
    server.serve_forever()


if __name__ == '__main__':
    main()
