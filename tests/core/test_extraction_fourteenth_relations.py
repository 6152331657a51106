"""Facts whose two ends are found but which grammar hid: partners of an object relative, the head of a name "X of Y",
members counted and listed in asides, places listed and described (sentences written here, none from the articles
the benchmark scores)."""

from __future__ import annotations

from extraction_support import facts

from explorer.core.extraction.lexicon import Lexicon


def test_who_developed_a_thing_with_another_in_an_object_relative_is_its_partner(lexicon: Lexicon) -> None:
    text = "Sensor data goes to Kunpeng Vision, an analytics suite that Midea developed with SenseTime, for checking."
    found = facts(text, lexicon)
    assert ("Midea", "built", "Kunpeng Vision") in found or ("Midea", "built", "analytics suite") in found
    assert ("Midea", "partneredWith", "SenseTime") in found
    # help is no partnership, and a partner not named is none
    found = facts("The robots feed a scheduler that Midea wrote with help from SenseTime.", lexicon)
    assert not any(p == "partneredWith" for _s, p, _o in found)
    found = facts("The robots feed a scheduler that Midea wrote with the subsidiary.", lexicon)
    assert not any(p == "partneredWith" for _s, p, _o in found)


def test_a_name_of_the_form_x_of_y_takes_its_class_from_x(lexicon: Lexicon) -> None:
    found = facts("The Alliance of 5G Private Networks, whose 900 members include Gree and Haier, met in Zhuhai.", lexicon)
    assert ("Gree", "memberOf", "Alliance of 5G Private Networks") in found
    assert ("Haier", "memberOf", "Alliance of 5G Private Networks") in found


def test_one_of_the_counted_members_of_an_organization_is_its_member(lexicon: Lexicon) -> None:
    found = facts("Sungrow is also one of the more than 300 members of the Anhui Energy Storage Alliance.", lexicon)
    assert ("Sungrow", "memberOf", "Anhui Energy Storage Alliance") in found
    assert ("Anhui Energy Storage Alliance", "hasMemberGroup", "more than 300 members") in found
    found = facts("Gotion and JAC are among the 120 member companies of the Hefei Battery Alliance.", lexicon)
    assert ("Gotion", "memberOf", "Hefei Battery Alliance") in found
    assert ("JAC", "memberOf", "Hefei Battery Alliance") in found
    # members of a place or of no organization make no membership
    found = facts("Gotion is one of the 40 members of the Hefei delegation.", lexicon)
    assert not any(p == "memberOf" for _s, p, _o in found)


def test_a_described_body_whose_members_are_listed_stands_for_the_name_before_it(lexicon: Lexicon) -> None:
    text = ("The Robot Industry Alliance of Guangdong, a Foshan-based body whose more than 1,500 members include Midea, "
            "Estun and Efort, has been promoting cobots in ceramics plants.")
    found = facts(text, lexicon)
    for member in ("Midea", "Estun", "Efort"):
        assert (member, "memberOf", "Robot Industry Alliance of Guangdong") in found
        assert (member, "memberOf", "body") not in found
        # a member listed in the aside is not who promotes
        assert not any(s == member and p == "promotes" for s, p, _o in found)
    assert ("Robot Industry Alliance of Guangdong", "hasMemberGroup", "more than 1,500 members") in found


def test_a_place_described_with_the_country_and_a_direction_lies_in_the_larger_place(lexicon: Lexicon) -> None:
    found = facts("Ganfeng runs a refinery in Xinyu, a city in south-eastern China's Jiangxi province.", lexicon)
    assert ("Xinyu", "locatedIn", "Jiangxi province") in found
    found = facts("Tianqi runs a mine in Yajiang, in the west of Sichuan, the company said.", lexicon)
    assert ("Yajiang", "locatedIn", "Sichuan") in found
    # a thing in apposition is no place of the place before it
    found = facts("Tianqi runs a mine in Yajiang, a site in the west of the company's concession.", lexicon)
    assert not any(s == "Yajiang" and p == "locatedIn" for s, p, _o in found)


def test_places_counted_as_parts_of_a_named_place_lie_in_it(lexicon: Lexicon) -> None:
    found = facts("Mengniu buys milk in Tuoketuo and Wuchuan, two of Hohhot's dairy counties, and ships it south.", lexicon)
    assert ("Tuoketuo", "locatedIn", "Hohhot") in found
    assert ("Wuchuan", "locatedIn", "Hohhot") in found
    found = facts("Midea has a plant in Shunde, one of Foshan's five districts.", lexicon)
    assert ("Shunde", "locatedIn", "Foshan") in found
    # parts of an organization are no places
    found = facts("Midea has plants in Shunde and Nanhai, two of the company's oldest sites.", lexicon)
    assert not any(p == "locatedIn" and o in ("company", "Midea") for _s, p, o in found)


def test_a_scene_that_lists_places_places_the_main_clauses_things_in_each(lexicon: Lexicon) -> None:
    text = "In Lufeng, Shiping and Jianshui, three of Honghe's counties, some 900 drying kilns now report over 5G."
    found = facts(text, lexicon)
    for county in ("Lufeng", "Shiping", "Jianshui"):
        assert ("drying kilns", "locatedIn", county) in found
    # who acts after the scene is listed, and nothing stands in them
    found = facts("In Wuhu, Chery and BYD opened a battery plant.", lexicon)
    assert ("battery plant", "locatedIn", "Wuhu") in found
    assert not any(p == "locatedIn" and o in ("Chery", "BYD") for _s, p, o in found)
    found = facts("In Wuhu, Chery and BYD, two carmakers, opened a battery plant.", lexicon)
    assert not any(p == "locatedIn" and o in ("Chery", "BYD") for _s, p, o in found)


def test_things_a_participle_describes_as_linked_over_a_network_run_on_it(lexicon: Lexicon) -> None:
    text = "CNCERT said that smart meters and pump controllers linked over 5G at water works are exposed to ransomware."
    found = facts(text, lexicon)
    for thing in ("smart meters", "pump controllers"):
        assert (thing, "runsOn", "5G") in found
        # the participle's phrase describes the subject: what it governs is not exposed
        assert (thing, "exposedTo", "ransomware") in found
    assert not any(p == "exposedTo" and s in ("5G", "water works") for s, p, _o in found)
    found = facts("In the yard, cranes from Shanghai-based ZPMC, linked to the 5G network, stack the boxes.", lexicon)
    assert ("cranes", "runsOn", "5G network") in found
    assert not any(p == "runsOn" and s == "ZPMC" for s, p, _o in found)


def test_no_network_carries_what_a_participle_closing_a_clause_or_a_bare_to_speaks_of(lexicon: Lexicon) -> None:
    found = facts("Buses drive along the ring roads, steered over a private 5G network that China Unicom built.", lexicon)
    assert not any(p == "runsOn" and s == "ring roads" for s, p, _o in found)
    found = facts("The regulator warned that pumping systems linked to 5G at reservoirs were exposed to intrusions.", lexicon)
    assert not any(p == "runsOn" for _s, p, _o in found)


def test_an_apposition_opening_on_a_places_possessive_says_where_the_agent_is_based(lexicon: Lexicon) -> None:
    found = facts("Sany, China's biggest maker of excavators, has opened a lab.", lexicon)
    assert ("Sany", "basedIn", "China") in found
    found = facts("Zoomlion, Changsha's second crane maker, shipped 40 cranes.", lexicon)
    assert ("Zoomlion", "basedIn", "Changsha") in found
    # an owner's possessive is no seat
    found = facts("Honor, Shenzhen Zhixin's phone unit, shipped 40 phones.", lexicon)
    assert not any(p == "basedIn" for _s, p, _o in found)


def test_a_thing_installed_in_a_sites_part_stands_in_the_part_and_the_part_in_the_site(lexicon: Lexicon) -> None:
    text = ("Tianwan is the largest nuclear plant in Jiangsu. The models run on servers that China Unicom installed in the "
            "plant's control building.")
    found = facts(text, lexicon)
    assert ("servers", "locatedIn", "control building") in found
    assert ("control building", "locatedIn", "largest nuclear plant") in found
    assert ("servers", "locatedIn", "largest nuclear plant") not in found


def test_things_across_a_list_of_sites_stand_in_each(lexicon: Lexicon) -> None:
    text = "Nokia installed radio heads and sensors across the boiler halls, coal sheds and cooling towers of the station."
    found = facts(text, lexicon)
    for thing in ("radio heads", "sensors"):
        for site in ("boiler halls", "coal sheds", "cooling towers"):
            assert (thing, "locatedIn", site) in found
    # a comma and a clause after the site close no list
    found = facts("The network links cranes and trucks across the port, engineers involved in the project said.", lexicon)
    assert not any(p == "locatedIn" and o.startswith("engineers") for _s, p, o in found)


def test_an_object_relative_with_two_actors_or_a_described_actor(lexicon: Lexicon) -> None:
    text = ("Haier is a member of the Qingdao Robotics Alliance, which the Qingdao branch and the Shandong Provincial "
            "Department of Commerce set up in 2020 to promote robots on factory floors.")
    found = facts(text, lexicon)
    assert ("Qingdao branch", "established", "Qingdao Robotics Alliance") in found
    assert ("Shandong Provincial Department of Commerce", "established", "Qingdao Robotics Alliance") in found
    assert not any(p == "established" and o == "factory floors" for _s, p, o in found)
    found = facts("The lines feed a data node that Hefei-based iFlytek installed last year.", lexicon)
    assert ("iFlytek", "built", "data node") in found


def test_equipment_listed_with_a_device_before_from_is_the_makers(lexicon: Lexicon) -> None:
    text = "The network was built by China Unicom's Hunan branch, with routers and a packet core from Wuhan-based FiberHome."
    found = facts(text, lexicon)
    assert ("routers", "builtBy", "FiberHome") in found
    assert ("packet core", "builtBy", "FiberHome") in found
    # what follows ", with" is no second builder of the network
    assert not any(s == "network" and p == "builtBy" and o in ("routers", "packet core") for s, p, o in found)
    # ", and a …" opens a clause: the thing before it is no one's
    text = "The cloud hosts a billing application, and a vision system from Nanjing-based start-up Lanxin checks welds."
    found = facts(text, lexicon)
    assert ("billing application", "builtBy", "Lanxin") not in found


def test_a_partner_named_before_and_referred_back_to_after_with(lexicon: Lexicon) -> None:
    text = ("The cloud was built by China Unicom's Hubei branch. Wuhan University set up a 5G robotics lab with the branch "
            "and Fiberhome last spring.")
    found = facts(text, lexicon)
    assert ("Wuhan University", "partneredWith", "China Unicom Hubei") in found
    assert ("Wuhan University", "partneredWith", "Fiberhome") in found
    # a bare kind after "with" refers to no one named: no partner
    found = facts("Wuhan University set up a 5G robotics lab with the robots it bought last spring.", lexicon)
    assert not any(p == "partneredWith" for _s, p, _o in found)
