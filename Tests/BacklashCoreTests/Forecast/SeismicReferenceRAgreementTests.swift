import Foundation
import Testing

@testable import BacklashCore

/// Numbers printed by the real R package `seismic` 1.1 (CRAN source, R 4.2.2 on Debian 12) for
/// `get.infectiousness(share.time, degree, pred.time)` and
/// `pred.cascade(pred.time, p, share.time, degree, n.star, features.return = TRUE)` with default windows.
/// Only the numbers are kept; the cascades are rebuilt here exactly as the R script built them.
@Suite struct SeismicReferenceRAgreementTests {
    /// One row of R output: p, p.low, p.up, the `numerator` feature (rt1) and the prediction at time t.
    struct R {
        var t: Double
        var p: Double
        var pLow: Double
        var pUp: Double
        var numerator: Double
        var prediction: Double
    }

    /// R's `minstd(n, seed)`: x ← 48271·x mod (2³¹ − 1), u = x/(2³¹ − 1), exact in doubles in both languages.
    static func minstd(_ n: Int, seed: Int) -> [Double] {
        var x = seed
        return (0..<n).map { _ in
            x = (48271 * x) % 2_147_483_647
            return Double(x) / 2_147_483_647
        }
    }

    /// R: `st <- c(0, cumsum(round(u[1:199] * (1:199) * scale * 1024) / 1024))`,
    /// `deg <- c(root, floor(numerator / u[201:399]))`. Gaps are multiples of 1/1024 so that the running sum
    /// is exact in both languages (R's `cumsum` adds in long double): a share that sits exactly at the
    /// widened window's edge weighs 0 but still counts in n, so times must agree to the last bit.
    static func randomCascade(seed: Int, gapScale: Double, root: Double, followerScale: Double)
        -> (times: [Double], degrees: [Double])
    {
        let u = minstd(400, seed: seed)
        var times = [0.0]
        for k in 1...199 {
            times.append(times[k - 1] + (u[k - 1] * Double(k) * gapScale * 1024).rounded(.toNearestOrEven) / 1024)
        }
        let degrees = [root] + (201...399).map { (followerScale / u[$0 - 1]).rounded(.down) }
        return (times, degrees)
    }

    static let handTimes: [Double] = [0, 60, 200, 450, 900, 1500, 2400, 3000]
    static let handDegrees: [Double] = [1000, 50, 300, 20, 100, 80, 10, 500]

    func expectAgreement(
        _ rows: [R], times: [Double], degrees: [Double], nStar: Double = 100, at predictionTimes: [Double]? = nil
    ) {
        let at = predictionTimes ?? rows.map(\.t)
        let estimates = SeismicReference.infectiousness(shareTimes: times, degrees: degrees, at: at)
        let predictions = SeismicReference.predict(
            at: at, infectiousness: estimates.map(\.p), shareTimes: times, degrees: degrees, nStar: nStar)
        var worst = 0.0
        for (row, (estimate, prediction)) in zip(rows, zip(estimates, predictions)) {
            for (ours, r) in [(estimate.p, row.p), (estimate.pLow, row.pLow), (estimate.pUp, row.pUp),
                              (prediction.numerator, row.numerator), (prediction.finalReshares, row.prediction)]
            where r.isFinite && r != 0 {
                worst = max(worst, abs(ours - r) / abs(r))
            }
            #expect(close(estimate.p, row.p), "p at t = \(row.t)")
            #expect(close(estimate.pLow, row.pLow), "p.low at t = \(row.t)")
            #expect(close(estimate.pUp, row.pUp), "p.up at t = \(row.t)")
            #expect(close(prediction.numerator, row.numerator), "numerator at t = \(row.t)")
            #expect(close(prediction.finalReshares, row.prediction), "prediction at t = \(row.t)")
        }
        print("agreement with R over \(rows.count) times: worst relative difference \(worst)")
    }

    func close(_ ours: Double, _ r: Double) -> Bool {
        if r.isInfinite || r == 0 { return ours == r }
        return abs(ours - r) <= 1e-6 * abs(r)
    }

    @Test("a hand-built eight-share cascade gives R's numbers, including t before any reshare and a share at t")
    func handCascade() {
        expectAgreement(
            [
                R(t: 0, p: 0, pLow: 0, pUp: 0, numerator: 0, prediction: 0),
                R(t: 30, p: 0, pLow: 0, pUp: 0, numerator: 0, prediction: 0),
                R(t: 100, p: 0.01855795933709856, pLow: 0.00095189887150998859, pUp: 0.055594677717448762,
                  numerator: 18.29981079232558, prediction: .infinity),
                R(t: 300, p: 0.0075915838049309134, pLow: 0.0013488783447578733, pUp: 0.018006722525300146,
                  numerator: 8.6218543825403771, prediction: 37.798855696920171),
                R(t: 600, p: 0.0062551779766326981, pLow: 0.0017049351773269601, pUp: 0.013127103202986093,
                  numerator: 6.0870522066902666, prediction: 19.254583445375214),
                R(t: 1800, p: 0.0072283465111697897, pLow: 0.0028481847513531547, pUp: 0.0132329614642244,
                  numerator: 6.2750423353172957, prediction: 27.640067961618492),
                R(t: 2400, p: 0.0053944731349277707, pLow: 0.0021255837833373372, pUp: 0.0098756824958493167,
                  numerator: 4.3558998174260868, prediction: 15.457983733545701),
                R(t: 3000, p: 0.0078095051667344114, pLow: 0.003401058690925727, pUp: 0.01368360007297937,
                  numerator: 9.8325329166302176, prediction: 51.887268243275805),
                R(t: 3600, p: 0.0063695828144451124, pLow: 0.0027739689680874296, pUp: 0.0111606077470636,
                  numerator: 6.8155290702942501, prediction: 25.773404603230297),
                R(t: 7200, p: 0.0032049008809951979, pLow: 0.0013957422092880385, pUp: 0.0056155391401598344,
                  numerator: 2.6654388162208402, prediction: 10.922590045472678),
                R(t: 86400, p: 0.00057313126324794737, pLow: 0.00024960007353779157, pUp: 0.0010042248296361338,
                  numerator: 0.25907197237112645, prediction: 7.2748229338986086),
            ],
            times: Self.handTimes, degrees: Self.handDegrees)
    }

    @Test("n* other than 100 changes only the prediction, as in R")
    func otherNStar() {
        expectAgreement(
            [
                R(t: 600, p: 0.0062551779766326981, pLow: 0.0017049351773269601, pUp: 0.013127103202986093,
                  numerator: 6.0870522066902666, prediction: 11.857229575387427),
                R(t: 3600, p: 0.0063695828144451124, pLow: 0.0027739689680874296, pUp: 0.0111606077470636,
                  numerator: 6.8155290702942501, prediction: 17.000470238749763),
            ],
            times: Self.handTimes, degrees: Self.handDegrees, nStar: 50)
    }

    @Test("a dense 200-share cascade gives R's numbers, explosive while fast and finite once it slows")
    func denseRandomCascade() {
        let (times, degrees) = Self.randomCascade(seed: 20_150_810, gapScale: 2.5, root: 5000, followerScale: 10)
        #expect(times[199] == 25210.1357421875)
        #expect(degrees.reduce(0, +) == 15087)
        #expect(times[119] == 8622.3876953125)
        let rows = [
            R(t: 0, p: 0, pLow: 0, pUp: 0,
              numerator: 0, prediction: 0),
            R(t: 60, p: 0.051026605467148718, pLow: 0.027684003600469832, pUp: 0.080138388214747058,
              numerator: 258.66202029248859, prediction: .infinity),
            R(t: 299.5, p: 0.011705608216715508, pLow: 0.0076652956740404336, pUp: 0.016444389782989354,
              numerator: 53.356697648877429, prediction: .infinity),
            R(t: 900, p: 0.015588807011110479, pLow: 0.0084575602368935458, pUp: 0.024482558787208092,
              numerator: 59.732351390201039, prediction: .infinity),
            R(t: 8622.3876953125, p: 0.016600074471823701, pLow: 0.012326093175391, pUp: 0.021397558332788023,
              numerator: 79.001443636624344, prediction: .infinity),
            R(t: 3600, p: 0.02207847274822812, pLow: 0.014794705472316448, pUp: 0.030554523379857829,
              numerator: 80.204323653811741, prediction: .infinity),
            R(t: 7200, p: 0.02085661188568062, pLow: 0.015264947266376162, pUp: 0.027165707731669875,
              numerator: 85.138876535350391, prediction: .infinity),
            R(t: 14400, p: 0.01761506552787883, pLow: 0.013192714499593515, pUp: 0.022563733189858642,
              numerator: 80.645977832346531, prediction: .infinity),
            R(t: 50000, p: 0.00032375774933075254, pLow: 0.00014099729542484549, pUp: 0.00056727942011496524,
              numerator: 1.2566111859122682, prediction: 200.29865618631587),
            R(t: 86400, p: 0.00010601125713136865, pLow: 4.6168162989175598e-05, pUp: 0.00018575000782360886,
              numerator: 0.35660813949332887, prediction: 199.36042909362553),
        ]
        var at = rows.map(\.t)
        at[4] = times[119]  // exactly the 119th reshare's time, as R used st[120]
        expectAgreement(rows, times: times, degrees: degrees, at: at)
    }

    @Test("a slow 200-share cascade with a big root gives R's numbers over 4.6 days")
    func slowRandomCascade() {
        let (times, degrees) = Self.randomCascade(seed: 777, gapScale: 40, root: 20000, followerScale: 50)
        #expect(times[199] == 414294.3779296875)
        #expect(degrees.reduce(0, +) == 225732)
        let rows = [
            R(t: 600, p: 0.0010027059016328819, pLow: 0.00043668088417656432, pUp: 0.0017569136911779399,
              numerator: 15.32415960169395, prediction: 26.031964759799358),
            R(t: 3600, p: 0.0035170760310307661, pLow: 0.0016506721534760012, pUp: 0.0059500865570157628,
              numerator: 39.367651397444313, prediction: 81.725147457966642),
            R(t: 24896.9072265625, p: 0.0047593521629631687, pLow: 0.0020727095624409014, pUp: 0.0083392059053710513,
              numerator: 66.950609666793298, prediction: 176.75254462556777),
            R(t: 21600, p: 0.0041625920068056469, pLow: 0.0018128190479761511, pUp: 0.007293579179732705,
              numerator: 39.44557651982344, prediction: 112.57378714287536),
            R(t: 86400, p: 5.6353748251452315e-05, pLow: 2.4542195845295422e-05, pUp: 9.8741487100991699e-05,
              numerator: 3.7137215998029314, prediction: 96.734768419733243),
            R(t: 400_000, p: 0.0033025446416591574, pLow: 0.0014382663070036555, pUp: 0.005786627850906668,
              numerator: 123.86370707729459, prediction: 379.94144484746414),
        ]
        var at = rows.map(\.t)
        at[2] = times[49]  // exactly the 49th reshare's time, as R used st2[50]
        expectAgreement(rows, times: times, degrees: degrees, at: at)
    }

    @Test("thirty quick reshares are explosive in R and here, and calm down an hour later")
    func explosiveCascade() {
        let times = [0.0] + (1...30).map { Double($0) * 10 }
        let degrees = [20.0] + Array(repeating: 10, count: 30)
        expectAgreement(
            [
                R(t: 120, p: 1.8295263082478752, pLow: 1.026032830156514, pUp: 2.8211660307292159,
                  numerator: 245.81670529973076, prediction: .infinity),
                R(t: 310, p: 0.68593210098537571, pLow: 0.49373345132690521, pUp: 0.90408073887598228,
                  numerator: 196.85025925198417, prediction: .infinity),
                R(t: 600, p: 0.015034201297666886, pLow: 0.0065474316096698383, pUp: 0.026342513844569867,
                  numerator: 3.5697574370141285, prediction: .infinity),
                R(t: 3600, p: 0.001220454449073022, pLow: 0.00053151091167463402, pUp: 0.0021384467046055987,
                  numerator: 0.18014199771939535, prediction: 30.205183738354631),
            ],
            times: times, degrees: degrees)
    }

    @Test("unsorted input pairs sorted times with unsorted follower counts, exactly as R does")
    func unsortedInput() {
        expectAgreement(
            [
                R(t: 1000, p: 0.0086412712637957065, pLow: 0.002951681974757433, pUp: 0.016750362336041762,
                  numerator: 8.1889942970208587, prediction: 64.269530472266339),
                R(t: 5000, p: 0.0016004327218825443, pLow: 0.00054667516766713142, pUp: 0.0031023014053854327,
                  numerator: 1.001572727925309, prediction: 5.1924099120374994),
            ],
            times: [0, 900, 60, 450, 200], degrees: [1000, 100, 50, 20, 300])
    }
}
